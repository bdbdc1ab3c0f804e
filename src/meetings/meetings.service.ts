import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/events/hooks';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { ConflictError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import {
  decodeCursor,
  keysetAfter,
  Page,
  PaginationQueryDto,
  pageSize,
  toPage,
} from '../common/pagination/pagination';
import { Membership } from '../groups/membership/entities/membership.entity';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { loadGroupAccess, NOT_FOUND_GROUP, requireGroupRole } from '../groups/group-access';
import {
  ChangeMeetingStatusDto,
  CreateMeetingDto,
  ListMeetingsQueryDto,
  MeetingDto,
  UpdateMeetingDto,
} from './dto/meeting.dto';
import { Meeting } from './entities/meeting.entity';
import { MeetingFormat, MeetingStatus } from './meetings.enums';
import { canSeeGroupMeetings, loadMeetingAccess, seesDrafts, seesMemberDetails } from './meeting-access';
import { canTransition, EDITABLE_STATUSES, MEETING_TRANSITIONS } from './meeting-status';
import { meetingSnapshot, toMeetingDto, toMeetingDtos } from './meeting-views';
import { fillFreedSeats } from './rsvp-seats';

/** Meetings themselves: scheduling, editing, status, and the group's list. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  async create(slug: string, dto: CreateMeetingDto, meta: AuthenticatedMeta): Promise<MeetingDto> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user);
      requireGroupRole(access, GroupRole.Anchor, 'schedule meetings');
      const fields = {
        title: dto.title,
        description: dto.description ?? null,
        format: dto.format,
        startsAt: new Date(dto.startsAt),
        endsAt: new Date(dto.endsAt),
        timeZone: dto.timeZone,
        location: dto.location ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        capacity: dto.capacity ?? null,
      };
      assertConsistentMeeting(fields);
      const meeting = em.create(Meeting, {
        ...fields,
        group: access.group,
        status: dto.status ?? MeetingStatus.Draft,
        createdBy: meta.user.id,
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'meeting.created',
        entityType: 'Meeting',
        entityId: meeting.id,
        after: meetingSnapshot(meeting),
        hook: {
          name: 'meeting.created',
          payload: {
            meetingId: meeting.id,
            groupId: access.group.id,
            title: meeting.title,
            status: meeting.status,
            actorId: meta.user.id,
          },
        },
      });
      return toMeetingDto(em, this.hooks, meeting, true, meta.user);
    });
  }

  async get(id: string, meta: RequestMeta): Promise<MeetingDto> {
    const access = await loadMeetingAccess(this.em, id, meta.user);
    return toMeetingDto(this.em, this.hooks, access.meeting, seesMemberDetails(access), meta.user);
  }

  async update(id: string, dto: UpdateMeetingDto, meta: AuthenticatedMeta): Promise<MeetingDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, id, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'edit meetings');
      const { meeting } = access;
      if (!EDITABLE_STATUSES.includes(meeting.status)) {
        throw new ConflictError(`A ${meeting.status} meeting can no longer be edited.`, {
          code: 'meeting.not_editable',
          params: { status: meeting.status },
        });
      }
      const before = meetingSnapshot(meeting);
      const previous = { startsAt: meeting.startsAt, endsAt: meeting.endsAt };
      const next = {
        title: dto.title ?? meeting.title,
        description: dto.description === undefined ? meeting.description : dto.description,
        format: dto.format ?? meeting.format,
        startsAt: dto.startsAt ? new Date(dto.startsAt) : meeting.startsAt,
        endsAt: dto.endsAt ? new Date(dto.endsAt) : meeting.endsAt,
        timeZone: dto.timeZone ?? meeting.timeZone,
        location: dto.location === undefined ? meeting.location : dto.location,
        onlineUrl: dto.onlineUrl === undefined ? meeting.onlineUrl : dto.onlineUrl,
        capacity: dto.capacity === undefined ? meeting.capacity : dto.capacity,
      };
      assertConsistentMeeting(next);
      em.assign(meeting, next);
      meeting.sequence += 1;
      // A larger (or removed) capacity seats people from the waitlist, in arrival order.
      const promoted = await fillFreedSeats(em, meeting);
      await em.flush();
      if (promoted.length > 0) {
        await this.hooks.runInTransaction('meeting.waitlist_promoted', em, {
          meetingId: meeting.id,
          groupId: access.group.id,
          userIds: promoted,
          actorId: meta.user.id,
        });
      }
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'meeting.updated',
        entityType: 'Meeting',
        entityId: meeting.id,
        before,
        after: {
          ...meetingSnapshot(meeting),
          ...(promoted.length > 0 ? { promotedFromWaitlist: promoted } : {}),
        },
        hook: {
          name: 'meeting.updated',
          payload: {
            meetingId: meeting.id,
            groupId: access.group.id,
            title: meeting.title,
            status: meeting.status,
            previousStartsAt: previous.startsAt,
            previousEndsAt: previous.endsAt,
            actorId: meta.user.id,
          },
        },
      });
      return toMeetingDto(em, this.hooks, meeting, true, meta.user);
    });
  }

  async changeStatus(id: string, dto: ChangeMeetingStatusDto, meta: AuthenticatedMeta): Promise<MeetingDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, id, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'change the status of meetings');
      const { meeting } = access;
      if (!canTransition(meeting.status, dto.status)) {
        const allowed = MEETING_TRANSITIONS[meeting.status];
        throw new ConflictError(
          `A ${meeting.status} meeting cannot become ${dto.status}; allowed next: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
          { code: 'meeting.invalid_transition', params: { from: meeting.status, to: dto.status, allowed } },
        );
      }
      const before = meetingSnapshot(meeting);
      const previousStatus = meeting.status;
      meeting.status = dto.status;
      meeting.statusReason = dto.reason ?? null;
      meeting.sequence += 1;
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'meeting.status_changed',
        entityType: 'Meeting',
        entityId: meeting.id,
        before,
        after: meetingSnapshot(meeting),
        hook: {
          name: 'meeting.status_changed',
          payload: {
            meetingId: meeting.id,
            groupId: access.group.id,
            status: meeting.status,
            previousStatus,
            reason: meeting.statusReason,
            actorId: meta.user.id,
          },
        },
      });
      return toMeetingDto(em, this.hooks, meeting, true, meta.user);
    });
  }

  async listForGroup(
    slug: string,
    query: ListMeetingsQueryDto,
    meta: RequestMeta,
  ): Promise<Page<MeetingDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    if (!canSeeGroupMeetings(access)) throw new NotFoundError(NOT_FOUND_GROUP);
    const limit = pageSize(query);
    const direction = query.when === 'past' ? 'desc' : 'asc';
    const now = new Date();
    const startsAt: Record<string, Date> = {
      ...(query.from ? { $gte: new Date(query.from) } : {}),
      ...(query.to ? { $lt: new Date(query.to) } : {}),
    };
    const where: Record<string, unknown> = {
      group: access.group.id,
      ...(seesDrafts(access) ? {} : { status: { $ne: MeetingStatus.Draft } }),
      ...(query.when === 'upcoming' ? { endsAt: { $gt: now } } : {}),
      ...(query.when === 'past' ? { endsAt: { $lte: now } } : {}),
      ...(Object.keys(startsAt).length > 0 ? { startsAt } : {}),
    };
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      Meeting,
      { $and: [where, keysetAfter('startsAt', after, direction)] },
      { orderBy: { startsAt: direction, id: direction }, limit: limit + 1, populate: ['group'] },
    );
    const page = toPage(
      rows,
      limit,
      (m) => ({ key: m.startsAt.toISOString(), id: m.id }),
      (m) => m,
    );
    return {
      items: await toMeetingDtos(this.em, this.hooks, page.items, () => seesMemberDetails(access), meta.user),
      nextCursor: page.nextCursor,
    };
  }

  /** The caller's upcoming meetings (scheduled or live, not yet ended) in groups where they are active members. */
  async listMine(query: PaginationQueryDto, meta: AuthenticatedMeta): Promise<Page<MeetingDto>> {
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      Meeting,
      {
        $and: [
          {
            group: { $in: await this.activeGroupIds(meta.user.id) },
            status: { $in: [MeetingStatus.Scheduled, MeetingStatus.Live] },
            endsAt: { $gt: new Date() },
          },
          keysetAfter('startsAt', after),
        ],
      },
      { orderBy: { startsAt: 'asc', id: 'asc' }, limit: limit + 1, populate: ['group'] },
    );
    const page = toPage(
      rows,
      limit,
      (m) => ({ key: m.startsAt.toISOString(), id: m.id }),
      (m) => m,
    );
    return {
      items: await toMeetingDtos(this.em, this.hooks, page.items, () => true, meta.user),
      nextCursor: page.nextCursor,
    };
  }

  private async activeGroupIds(userId: string): Promise<string[]> {
    const memberships = await this.em.find(
      Membership,
      { user: userId, status: MembershipStatus.Active },
      { fields: ['group'] },
    );
    return memberships.map((m) => m.group.id);
  }
}

interface MeetingFields {
  format: MeetingFormat;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  onlineUrl: string | null;
}

/** Rules across fields, checked on the merged result of an edit so a partial update cannot break them. */
export function assertConsistentMeeting(m: MeetingFields): void {
  const errors: FieldError[] = [];
  if (m.endsAt.getTime() <= m.startsAt.getTime()) {
    errors.push({ path: 'endsAt', message: 'endsAt must be after startsAt' });
  }
  if (m.format !== MeetingFormat.Virtual && !m.location) {
    errors.push({ path: 'location', message: `location is required for ${m.format} meetings` });
  }
  if (m.format !== MeetingFormat.InPerson && !m.onlineUrl) {
    errors.push({ path: 'onlineUrl', message: `onlineUrl is required for ${m.format} meetings` });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}
