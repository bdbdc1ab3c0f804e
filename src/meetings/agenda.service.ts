import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/events/hooks';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { Page } from '../common/pagination/pagination';
import { GroupRole } from '../groups/groups.enums';
import { requireGroupRole } from '../groups/group-access';
import { AgendaItemDto, AgendaOrderDto, CreateAgendaItemDto, UpdateAgendaItemDto } from './dto/agenda.dto';
import { AgendaItem } from './entities/agenda-item.entity';
import { AgendaItemStatus } from './meetings.enums';
import { Meeting } from './entities/meeting.entity';
import { isAnchor, loadMeetingAccess, MeetingAccess, seesMemberDetails } from './meeting-access';
import { EDITABLE_STATUSES } from './meeting-status';
import { assertActiveMembers } from './member-checks';
import { notFoundAs } from '../common/errors/not-found-as';
import { lastAgendaPosition } from './meetings.queries';

/**
 * A meeting's agenda is read as one whole, ordered page (docs/pagination.md), so it is bounded: no real session has
 * more items, and a member cannot grow one without limit.
 */
export const MAX_AGENDA_ITEMS = 100;

const NOT_FOUND_ITEM = 'Agenda item';

const itemSnapshot = (i: AgendaItem) => ({
  meetingId: i.meeting.id,
  position: i.position,
  title: i.title,
  description: i.description,
  durationMinutes: i.durationMinutes,
  presenterId: i.presenter?.id ?? null,
  documentIds: [...i.documentIds],
  status: i.status,
});

/**
 * Agenda of a meeting: members propose, anchors accept, reject, edit and reorder. Writers lock the meeting row,
 * so positions are handed out and rewritten by one writer at a time.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  /**
   * Agenda items link only live documents of the meeting's group, once a context answers for documents (without
   * one, the ids are kept unchecked, as before documents existed).
   */
  private async assertGroupDocuments(em: EntityManager, groupId: string, documentIds: string[] | undefined) {
    if (!documentIds || documentIds.length === 0) return;
    const answers = await this.hooks.ask('agenda.linkable_documents', em, { groupId, documentIds });
    if (answers.length === 0) return;
    const known = new Set(answers.flat());
    const errors = documentIds.flatMap((id, i) =>
      known.has(id)
        ? []
        : [{ path: `documentIds[${i}]`, message: `documentIds[${i}] is not a document of this group` }],
    );
    if (errors.length > 0) throw new ValidationError(errors);
  }

  /** Members and stewards see every item; everyone else who sees the meeting sees the accepted agenda. */
  async list(meetingId: string, meta: RequestMeta): Promise<Page<AgendaItemDto>> {
    const access = await loadMeetingAccess(this.em, meetingId, meta.user);
    const items = await this.em.find(
      AgendaItem,
      {
        meeting: meetingId,
        ...(seesMemberDetails(access) ? {} : { status: AgendaItemStatus.Accepted }),
      },
      { orderBy: { position: 'asc', createdAt: 'asc' }, populate: ['presenter', 'proposedBy'] },
    );
    return { items: items.map((i) => AgendaItemDto.from(i)), nextCursor: null };
  }

  async create(meetingId: string, dto: CreateAgendaItemDto, meta: AuthenticatedMeta): Promise<AgendaItemDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Member, 'propose agenda items');
      assertAgendaOpen(access.meeting);
      const status = dto.status ?? (isAnchor(access) ? AgendaItemStatus.Accepted : AgendaItemStatus.Proposed);
      if (status !== AgendaItemStatus.Proposed && !isAnchor(access)) {
        throw new ForbiddenError('Only anchors may accept or reject agenda items.', {
          code: 'agenda.anchor_required',
        });
      }
      if (dto.presenterId) {
        await assertActiveMembers(em, access.group.id, [{ userId: dto.presenterId, path: 'presenterId' }]);
      }
      // The meeting row is locked, so concurrent proposals count one after the other and cannot pass the cap together.
      if ((await em.count(AgendaItem, { meeting: meetingId })) >= MAX_AGENDA_ITEMS) {
        throw new ConflictError(
          `A meeting's agenda holds at most ${MAX_AGENDA_ITEMS} items (rejected ones included).`,
          {
            code: 'agenda.full',
            params: { max: MAX_AGENDA_ITEMS },
          },
        );
      }
      await this.assertGroupDocuments(em, access.group.id, dto.documentIds);
      const item = em.create(AgendaItem, {
        meeting: access.meeting,
        position: (await lastAgendaPosition(em, meetingId)) + 1,
        title: dto.title,
        description: dto.description ?? null,
        durationMinutes: dto.durationMinutes,
        presenter: dto.presenterId ?? null,
        documentIds: dto.documentIds ?? [],
        status,
        proposedBy: meta.user.id,
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: status === AgendaItemStatus.Proposed ? 'agenda_item.proposed' : 'agenda_item.created',
        entityType: 'AgendaItem',
        entityId: item.id,
        after: itemSnapshot(item),
      });
      return this.view(em, item);
    });
  }

  async update(itemId: string, dto: UpdateAgendaItemDto, meta: AuthenticatedMeta): Promise<AgendaItemDto> {
    return this.em.transactional(async (em) => {
      const item = await em.findOne(AgendaItem, { id: itemId });
      if (!item) throw new NotFoundError(NOT_FOUND_ITEM);
      const access = await this.accessToItem(em, item.meeting.id, meta);
      await em.refresh(item); // read again under the meeting lock: all item writers hold it
      if (!seesMemberDetails(access) && item.status !== AgendaItemStatus.Accepted) {
        throw new NotFoundError(NOT_FOUND_ITEM);
      }
      requireGroupRole(access, GroupRole.Anchor, 'edit, accept or reject agenda items');
      assertAgendaOpen(access.meeting);
      if (dto.presenterId) {
        await assertActiveMembers(em, access.group.id, [{ userId: dto.presenterId, path: 'presenterId' }]);
      }
      await this.assertGroupDocuments(em, access.group.id, dto.documentIds);
      const before = itemSnapshot(item);
      const leavesRejected =
        item.status === AgendaItemStatus.Rejected && dto.status !== undefined && dto.status !== item.status;
      em.assign(item, {
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.durationMinutes !== undefined ? { durationMinutes: dto.durationMinutes } : {}),
        ...(dto.presenterId !== undefined ? { presenter: dto.presenterId } : {}),
        ...(dto.documentIds !== undefined ? { documentIds: dto.documentIds } : {}),
        ...(dto.status !== undefined ? { status: dto.status } : {}),
      });
      // An item brought back from rejection joins the end of the agenda.
      if (leavesRejected) item.position = (await lastAgendaPosition(em, access.meeting.id)) + 1;
      await em.flush();
      const decided =
        item.status !== before.status && item.status !== AgendaItemStatus.Proposed ? item.status : null;
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'agenda_item.updated',
        entityType: 'AgendaItem',
        entityId: item.id,
        before,
        after: itemSnapshot(item),
        // Its proposer is told that it was accepted or rejected (notifications).
        ...(decided
          ? {
              hook: {
                name: 'agenda_item.decided' as const,
                payload: {
                  itemId: item.id,
                  meetingId: access.meeting.id,
                  groupId: access.group.id,
                  status: decided,
                  proposedById: item.proposedBy.id,
                  actorId: meta.user.id,
                },
              },
            }
          : {}),
      });
      return this.view(em, item);
    });
  }

  /**
   * Atomic reorder. The body must list exactly the meeting's current non-rejected items, each once: a list made
   * from a stale view (an item added or rejected since), a partial, duplicated or foreign list is a 409.
   */
  async reorder(
    meetingId: string,
    dto: AgendaOrderDto,
    meta: AuthenticatedMeta,
  ): Promise<Page<AgendaItemDto>> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'reorder the agenda');
      assertAgendaOpen(access.meeting);
      const items = await em.find(AgendaItem, { meeting: meetingId }, { orderBy: { position: 'asc' } });
      const active = items.filter((i) => i.status !== AgendaItemStatus.Rejected);
      const activeIds = new Set(active.map((i) => i.id));
      const requested = new Set(dto.itemIds);
      const matches =
        requested.size === dto.itemIds.length &&
        requested.size === activeIds.size &&
        dto.itemIds.every((id) => activeIds.has(id));
      if (!matches) {
        throw new ConflictError(
          'itemIds must list every non-rejected agenda item of this meeting exactly once; reload the agenda and retry.',
          {
            code: 'agenda.order_mismatch',
            params: {
              expectedCount: activeIds.size,
              missing: [...activeIds].filter((id) => !requested.has(id)),
              unknown: [...requested].filter((id) => !activeIds.has(id)),
            },
          },
        );
      }
      const before = active.map((i) => i.id);
      const byId = new Map(items.map((i) => [i.id, i]));
      dto.itemIds.forEach((id, index) => {
        byId.get(id)!.position = index + 1;
      });
      items
        .filter((i) => i.status === AgendaItemStatus.Rejected)
        .forEach((item, index) => {
          item.position = dto.itemIds.length + index + 1;
        });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'agenda.reordered',
        entityType: 'Meeting',
        entityId: meetingId,
        before: { itemIds: before },
        after: { itemIds: dto.itemIds },
      });
      await em.populate(items, ['presenter', 'proposedBy']);
      const ordered = [...items].sort((a, b) => a.position - b.position);
      return { items: ordered.map((i) => AgendaItemDto.from(i)), nextCursor: null };
    });
  }

  private async accessToItem(
    em: EntityManager,
    meetingId: string,
    meta: AuthenticatedMeta,
  ): Promise<MeetingAccess> {
    return notFoundAs(NOT_FOUND_ITEM, loadMeetingAccess(em, meetingId, meta.user, { lock: true }));
  }

  private async view(em: EntityManager, item: AgendaItem): Promise<AgendaItemDto> {
    await em.populate(item, ['presenter', 'proposedBy']);
    return AgendaItemDto.from(item);
  }
}

function assertAgendaOpen(meeting: Meeting): void {
  if (!EDITABLE_STATUSES.includes(meeting.status)) {
    throw new ConflictError(`The agenda of a ${meeting.status} meeting can no longer change.`, {
      code: 'agenda.closed',
      params: { status: meeting.status },
    });
  }
}
