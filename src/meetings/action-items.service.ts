import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { decodeCursor, Page, PaginationQueryDto, pageSize, toPage } from '../common/pagination/pagination';
import { loadGroupAccessById } from '../groups/group-access';
import { ActionItemDto, UpdateActionItemDto } from './dto/minutes.dto';
import { ActionItem } from './entities/minutes.entity';
import { ActionItemStatus, MinutesStatus } from './meetings.enums';
import { canSeeGroupMeetings, isAnchor, seesDrafts } from './meeting-access';
import { notFoundAs } from '../common/errors/not-found-as';

const NOT_FOUND_ACTION_ITEM = 'Action item';
const STATUSES = Object.values(ActionItemStatus); // declaration order = sort order (open first)

/** Action items outlive their minutes: assignees track them across groups and mark them done. */
@Injectable()
export class ActionItemsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** The caller's action items from published minutes: open first, then by due date. */
  async listMine(query: PaginationQueryDto, meta: AuthenticatedMeta): Promise<Page<ActionItemDto>> {
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'string') : undefined;
    const where: Record<string, unknown>[] = [
      { assignee: meta.user.id, minutes: { status: MinutesStatus.Published } },
    ];
    if (after) where.push(keysetAfterStatusDue(after.key, after.id));
    const rows = await this.em.find(
      ActionItem,
      { $and: where },
      {
        orderBy: { status: 'asc', dueDate: 'asc', id: 'asc' },
        limit: limit + 1,
        populate: ['assignee', 'minutes'],
      },
    );
    return toPage(
      rows,
      limit,
      (i) => ({ key: `${i.status}|${i.dueDate}`, id: i.id }),
      (i) => ActionItemDto.from(i),
    );
  }

  /** The assignee or an anchor of the group marks an item open or done. */
  async update(id: string, dto: UpdateActionItemDto, meta: AuthenticatedMeta): Promise<ActionItemDto> {
    return this.em.transactional(async (em) => {
      const item = await em.findOne(ActionItem, { id }, { populate: ['assignee', 'minutes'] });
      if (!item) throw new NotFoundError(NOT_FOUND_ACTION_ITEM);
      const access = await notFoundAs(
        NOT_FOUND_ACTION_ITEM,
        loadGroupAccessById(em, item.group.id, meta.user),
      );
      const published = item.minutes.getEntity().status === MinutesStatus.Published;
      const isAssignee = item.assignee.id === meta.user.id;
      if (!canSeeGroupMeetings(access) || (!published && !seesDrafts(access))) {
        throw new NotFoundError(NOT_FOUND_ACTION_ITEM);
      }
      if (!isAssignee && !isAnchor(access)) {
        throw new ForbiddenError('Only the assignee or an anchor may update this action item.', {
          code: 'action_item.forbidden',
        });
      }
      const before = { status: item.status };
      if (item.status !== dto.status) {
        item.status = dto.status;
        await em.flush();
        await this.audit.recordGroupChange(em, meta, item.group.id, {
          action: 'action_item.updated',
          entityType: 'ActionItem',
          entityId: item.id,
          before,
          after: { status: item.status },
        });
      }
      return ActionItemDto.from(item);
    });
  }
}

/** Keyset "after (status, dueDate, id)" where status sorts in enum declaration order. */
function keysetAfterStatusDue(key: string | number | null, id: string): Record<string, unknown> {
  const [status, dueDate] = String(key).split('|') as [ActionItemStatus, string | undefined];
  if (!STATUSES.includes(status) || !dueDate || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) {
    throw ValidationError.single('cursor', 'cursor is not a valid page cursor');
  }
  const later = STATUSES.slice(STATUSES.indexOf(status) + 1);
  return {
    $or: [
      ...(later.length > 0 ? [{ status: { $in: later } }] : []),
      { status, dueDate: { $gt: dueDate } },
      { status, dueDate, id: { $gt: id } },
    ],
  };
}
