import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { ConflictError } from '../common/errors/domain-error';
import { GroupRole } from '../groups/groups.enums';
import { requireGroupRole } from '../groups/group-access';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { UserSummaryDto } from '../users/dto/user.dto';
import { AttendeeDto, ListAttendeesQueryDto, RsvpAnswerDto, RsvpDto } from './dto/rsvp.dto';
import { Meeting } from './entities/meeting.entity';
import { Rsvp } from './entities/rsvp.entity';
import { RsvpStatus } from './meetings.enums';
import { loadMeetingAccess } from './meeting-access';
import { RSVP_STATUSES } from './meeting-status';
import { countConfirmed, fillFreedSeats, waitlistPosition } from './rsvp-seats';
import { shareLockMembershipOfMeeting } from './meetings.queries';

const rsvpSnapshot = (r: Rsvp | null) => (r ? { status: r.status, waitlistTicket: r.waitlistTicket } : null);

/** What one answer did: `changed` is false for a repeat (nothing written, nothing to audit). */
export interface RsvpChange {
  rsvp: Rsvp;
  meeting: Meeting;
  before: ReturnType<typeof rsvpSnapshot>;
  promoted: string[];
  changed: boolean;
}

/**
 * RSVPs with a waitlist. Every answer locks the meeting row (SELECT ... FOR UPDATE), so concurrent answers to
 * one meeting are serialised: seats are counted and handed out by one writer at a time.
 */
@Injectable()
export class RsvpService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /**
   * Who answered, with names: for the group's active members (observers included) and stewards. Everyone else
   * who may see the meeting gets the counts on the meeting answer (`rsvpCounts`), and 403 here.
   */
  async listAttendees(
    meetingId: string,
    query: ListAttendeesQueryDto,
    meta: AuthenticatedMeta,
  ): Promise<Page<AttendeeDto>> {
    const access = await loadMeetingAccess(this.em, meetingId, meta.user);
    requireGroupRole(access, GroupRole.Observer, 'see who answered', { stewardsMayAct: true });
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      Rsvp,
      {
        meeting: meetingId,
        ...(query.status ? { status: query.status } : {}),
        ...keysetAfter('createdAt', after),
      },
      { populate: ['user.organization'], orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 },
    );
    return toPage(
      rows,
      limit,
      (r) => ({ key: r.createdAt.toISOString(), id: r.id }),
      (r) => ({
        user: UserSummaryDto.from(r.user.getEntity()),
        status: r.status,
        waitlisted: r.waitlistTicket !== null,
        createdAt: r.createdAt,
      }),
    );
  }

  async respond(meetingId: string, dto: RsvpDto, meta: AuthenticatedMeta): Promise<RsvpAnswerDto> {
    return this.em.transactional(async (em) => {
      // Membership row before meeting row (docs/architecture.md, "Lock order"): an answer racing the removal
      // of its author either commits first (and the removal declines it) or sees the membership ended.
      await shareLockMembershipOfMeeting(em, meetingId, meta.user.id);
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Observer, 'answer meeting invitations');
      const { meeting } = access;
      if (!RSVP_STATUSES.includes(meeting.status)) {
        throw new ConflictError(`RSVPs are closed: the meeting is ${meeting.status}.`, {
          code: 'meeting.rsvp_closed',
          params: { status: meeting.status },
        });
      }
      const change = await this.answerUnderLock(em, meeting, meta.user.id, dto.status);
      if (change.changed) await this.recordChange(em, meta, access.group.id, change);
      return this.answer(em, change.rsvp);
    });
  }

  /**
   * Applies one person's answer to a meeting whose row the caller has locked (FOR UPDATE, as `respond` does):
   * waitlists a `going` past capacity, and seats the first waitlisted people when a held seat is given up.
   * Repeating the current answer changes nothing. Also used when a membership ends (declines their answers).
   */
  async answerUnderLock(
    em: EntityManager,
    meeting: Meeting,
    userId: string,
    status: RsvpStatus,
  ): Promise<RsvpChange> {
    let rsvp = await em.findOne(Rsvp, { meeting: meeting.id, user: userId }, { refresh: true });
    const before = rsvpSnapshot(rsvp);
    if (rsvp && rsvp.status === status) return { rsvp, meeting, before, promoted: [], changed: false };
    const heldSeat = rsvp?.status === RsvpStatus.Going && rsvp.waitlistTicket === null;
    // Count before creating the row: the count auto-flushes, and must not include this answer.
    const full =
      status === RsvpStatus.Going &&
      meeting.capacity !== null &&
      (await countConfirmed(em, meeting.id)) >= meeting.capacity;
    rsvp ??= em.create(Rsvp, { meeting: meeting.id, user: userId, status });
    rsvp.status = status;
    rsvp.waitlistTicket = null;
    let promoted: string[] = [];
    if (full) {
      meeting.waitlistCounter += 1;
      rsvp.waitlistTicket = meeting.waitlistCounter;
    }
    await em.flush();
    if (heldSeat) {
      promoted = await fillFreedSeats(em, meeting);
      await em.flush();
    }
    return { rsvp, meeting, before, promoted, changed: true };
  }

  /**
   * One `meeting.rsvp` audit event in the group's chain; promotions from the waitlist are recorded in it and raise
   * `meeting.waitlist_promoted`.
   */
  async recordChange(
    em: EntityManager,
    meta: RequestMeta,
    groupId: string,
    change: RsvpChange,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.recordGroupChange(em, meta, groupId, {
      action: 'meeting.rsvp',
      entityType: 'Rsvp',
      entityId: change.rsvp.id,
      before: change.before,
      after: {
        meetingId: change.meeting.id,
        ...rsvpSnapshot(change.rsvp),
        ...(change.promoted.length > 0 ? { promotedFromWaitlist: change.promoted } : {}),
        ...extra,
      },
      // Each person seated from the waitlist is told (notifications), in this transaction.
      ...(change.promoted.length > 0
        ? {
            hook: {
              name: 'meeting.waitlist_promoted' as const,
              payload: {
                meetingId: change.meeting.id,
                groupId,
                userIds: change.promoted,
                actorId: meta.user?.id ?? null,
              },
            },
          }
        : {}),
    });
  }

  private async answer(em: EntityManager, rsvp: Rsvp): Promise<RsvpAnswerDto> {
    const ticket = rsvp.waitlistTicket;
    return {
      status: rsvp.status,
      waitlisted: ticket !== null,
      waitlistPosition: ticket === null ? null : await waitlistPosition(em, rsvp.meeting.id, ticket),
    };
  }
}
