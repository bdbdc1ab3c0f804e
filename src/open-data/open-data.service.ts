import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { camelCase, OPEN_DATA_COLUMNS, OpenDataRow } from './columns';
import { OpenDataEntity, OpenDataFormat } from './open-data.enums';
import { entityRequired } from './open-data.errors';
import * as queries from './open-data.queries';
import { OpenDataScope } from './open-data.queries';
import { priorityAreaRows } from './priority-area-rows';
import { publishRows, toCsv } from './render';

type Loader = (em: EntityManager, scope: OpenDataScope) => Promise<Record<string, unknown>[]>;

const LOADERS: Record<OpenDataEntity, Loader> = {
  [OpenDataEntity.Groups]: queries.groupRows,
  [OpenDataEntity.Meetings]: queries.meetingRows,
  [OpenDataEntity.Minutes]: queries.minutesRows,
  [OpenDataEntity.PriorityAreas]: priorityAreaRows,
  [OpenDataEntity.Commitments]: queries.commitmentRows,
};

export type OpenDataAnswer =
  | { format: OpenDataFormat.Json; document: Record<string, OpenDataRow[] | string> }
  | { format: OpenDataFormat.Csv; csv: string; filename: string };

@Injectable()
export class OpenDataService {
  constructor(private readonly em: EntityManager) {}

  /** Every public group's facts (`GET /open-data/groups`). */
  all(format: OpenDataFormat, entity: OpenDataEntity | undefined): Promise<OpenDataAnswer> {
    return this.answer({}, format, entity, 'convene');
  }

  /** One public group's facts; a members-only or unknown group is a 404 for everyone (nothing of it is public). */
  async group(
    slug: string,
    format: OpenDataFormat,
    entity: OpenDataEntity | undefined,
  ): Promise<OpenDataAnswer> {
    const [group] = await queries.publicGroupId(this.em, slug);
    if (!group) throw new NotFoundError('Working group');
    return this.answer({ groupId: group.id }, format, entity, slug);
  }

  private async answer(
    scope: OpenDataScope,
    format: OpenDataFormat,
    entity: OpenDataEntity | undefined,
    filePrefix: string,
  ): Promise<OpenDataAnswer> {
    if (format === OpenDataFormat.Csv) {
      if (!entity) throw entityRequired();
      const columns = OPEN_DATA_COLUMNS[entity];
      const rows = publishRows(columns, await LOADERS[entity](this.em, scope));
      return { format, csv: toCsv(columns, rows), filename: `${filePrefix}-${entity}.csv` };
    }
    const document: Record<string, OpenDataRow[] | string> = { generatedAt: new Date().toISOString() };
    // One statement per kind, in sequence on the request's connection (a fork shares it).
    for (const kind of entity ? [entity] : Object.values(OpenDataEntity)) {
      document[camelCase(kind)] = publishRows(OPEN_DATA_COLUMNS[kind], await LOADERS[kind](this.em, scope));
    }
    return { format, document };
  }
}
