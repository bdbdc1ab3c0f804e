import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainHooks, TransactionalHookMap } from '../common/events/hooks';
import { Meeting } from './entities/meeting.entity';
import { Rsvp } from './entities/rsvp.entity';
import { RsvpStatus } from './meetings.enums';
import { RSVP_STATUSES } from './meeting-status';
import { RsvpService } from './rsvp.service';

/**
 * Someone who leaves or is removed from a group gives up their answers to its upcoming meetings (scheduled or
 * live, not yet ended): each becomes `declined`, which seats the first waitlisted person as a decline does.
 * Runs inside the membership change's transaction (`membership.ending`), so both commit or roll back together.
 */
@Injectable()
export class MembershipEndedRsvpHandler implements OnModuleInit {
  constructor(
    private readonly hooks: DomainHooks,
    private readonly rsvps: RsvpService,
  ) {}

  onModuleInit(): void {
    this.hooks.onTransaction('membership.ending', (em, payload) => this.declineUpcoming(em, payload));
  }

  async declineUpcoming(
    em: EntityManager,
    { groupId, userId, meta }: TransactionalHookMap['membership.ending'],
  ): Promise<void> {
    const now = new Date();
    const answered = await em.find(Rsvp, {
      user: userId,
      status: { $ne: RsvpStatus.Declined },
      meeting: { group: groupId, status: { $in: [...RSVP_STATUSES] }, endsAt: { $gt: now } },
    });
    // Lock every affected meeting (FOR UPDATE, as RsvpService.respond does) in id order, all before the first
    // audit event: meeting rows come before the audit lock (docs/architecture.md, "Lock order").
    const meetingIds = [...new Set(answered.map((r) => r.meeting.id))].sort();
    const meetings: Meeting[] = [];
    for (const id of meetingIds) {
      const meeting = await em.findOne(
        Meeting,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      // Re-checked under the lock: the meeting may have concluded or been cancelled meanwhile.
      if (meeting && RSVP_STATUSES.includes(meeting.status) && meeting.endsAt > now) meetings.push(meeting);
    }
    for (const meeting of meetings) {
      const change = await this.rsvps.answerUnderLock(em, meeting, userId, RsvpStatus.Declined);
      if (change.changed) {
        await this.rsvps.recordChange(em, meta, groupId, change, { reason: 'membership.ended' });
      }
    }
  }
}
