import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
/** An OpenAPI schema object (the part used here). */
type SchemaObject = Record<string, unknown>;
import { camelCase, ColumnKind, OPEN_DATA_COLUMNS } from '../columns';
import { IsEnum, IsOptional } from 'class-validator';
import { OpenDataEntity, OpenDataFormat } from '../open-data.enums';

export class OpenDataQueryDto {
  @ApiPropertyOptional({
    enum: OpenDataFormat,
    description: '`csv` for CSV (also chosen by `Accept: text/csv`); JSON otherwise',
  })
  @IsOptional()
  @IsEnum(OpenDataFormat)
  format?: OpenDataFormat;

  @ApiPropertyOptional({
    enum: OpenDataEntity,
    description: 'one kind of data only; required for CSV (one file per kind)',
  })
  @IsOptional()
  @IsEnum(OpenDataEntity)
  entity?: OpenDataEntity;
}

const SCHEMA_OF: Record<ColumnKind, SchemaObject> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  instant: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  list: { type: 'array', items: { type: 'string' } },
};

/** The OpenAPI schema of an entity's rows, from its published columns (one source with CSV and the docs). */
function rowsOf(entity: OpenDataEntity, description: string): ApiPropertyOptions {
  const columns = OPEN_DATA_COLUMNS[entity];
  const properties: Record<string, SchemaObject> = {};
  for (const column of columns) {
    properties[camelCase(column.name)] = {
      ...SCHEMA_OF[column.kind],
      ...(column.nullable ? { nullable: true } : {}),
      description: column.description,
    };
  }
  return {
    required: false,
    description: `${description}; columns in docs/open-data.md`,
    type: 'array',
    items: { type: 'object', properties, required: columns.map((c) => camelCase(c.name)) },
  };
}

/** The JSON document: every kind, or only the one `?entity=` names. */
export class OpenDataDocumentDto {
  @ApiProperty({ description: 'when this document was produced (ISO 8601 UTC)' })
  generatedAt!: string;

  @ApiPropertyOptional(rowsOf(OpenDataEntity.Groups, 'public groups'))
  groups?: Record<string, unknown>[];

  @ApiPropertyOptional(rowsOf(OpenDataEntity.Meetings, 'concluded meetings of public groups'))
  meetings?: Record<string, unknown>[];

  @ApiPropertyOptional(rowsOf(OpenDataEntity.Minutes, 'decisions of published minutes, one row each'))
  minutes?: Record<string, unknown>[];

  @ApiPropertyOptional(
    rowsOf(OpenDataEntity.PriorityAreas, 'adopted priority areas with their constituency tallies'),
  )
  priorityAreas?: Record<string, unknown>[];

  @ApiPropertyOptional(rowsOf(OpenDataEntity.Commitments, 'action-plan commitments the groups support'))
  commitments?: Record<string, unknown>[];
}
