import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { groupScope } from '../audit/audit-hash';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ConflictError } from '../common/errors/domain-error';
import { GroupRole } from '../membership/entities/membership.entity';
import { requireGroupRole } from '../working-groups/group-access';
import { RsvpAnswerDto, RsvpDto } from './dto/rsvp.dto';
import { Rsvp, RsvpStatus } from './entities/rsvp.entity';
import { loadMeetingAccess } from './meeting-access';
import { RSVP_STATUSES } from './meeting-status';
import { countConfirmed, fillFreedSeats, waitlistPosition } from './rsvp-seats';

const rsvpSnapshot = (r: Rsvp | null) => (r ? { status: r.status, waitlistTicket: r.waitlistTicket } : null);

/**
 * RSVPs with a waitlist. Every answer locks the meeting row first (SELECT ... FOR UPDATE), so concurrent
 * answers to one meeting are serialised: seats are counted and handed out by one writer at a time.
 */
@Injectable()
export class RsvpService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async respond(meetingId: string, dto: RsvpDto, meta: AuthenticatedMeta): Promise<RsvpAnswerDto> {
    return this.em.transactional(async (em) => {
      const access = await loadMeetingAccess(em, meetingId, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Observer, 'answer meeting invitations');
      const { meeting } = access;
      if (!RSVP_STATUSES.includes(meeting.status)) {
        throw new ConflictError(`RSVPs are closed: the meeting is ${meeting.status}.`, {
          code: 'meeting.rsvp_closed',
          params: { status: meeting.status },
        });
      }
      let rsvp = await em.findOne(Rsvp, { meeting: meeting.id, user: meta.user.id });
      const before = rsvpSnapshot(rsvp);
      if (rsvp && rsvp.status === dto.status) return this.answer(em, rsvp); // nothing changes, nothing audited
      const heldSeat = rsvp?.status === RsvpStatus.Going && rsvp.waitlistTicket === null;
      // Count before creating the row: the count auto-flushes, and must not include this answer.
      const full =
        dto.status === RsvpStatus.Going &&
        meeting.capacity !== null &&
        (await countConfirmed(em, meeting.id)) >= meeting.capacity;
      rsvp ??= em.create(Rsvp, { meeting: meeting.id, user: meta.user.id, status: dto.status });
      rsvp.status = dto.status;
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
      await this.audit.record(em, meta, {
        scope: groupScope(access.group.id),
        action: 'meeting.rsvp',
        entityType: 'Rsvp',
        entityId: rsvp.id,
        before,
        after: {
          meetingId: meeting.id,
          ...rsvpSnapshot(rsvp),
          ...(promoted.length > 0 ? { promotedFromWaitlist: promoted } : {}),
        },
      });
      return this.answer(em, rsvp);
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
