import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Meeting } from '../../meetings/entities/meeting.entity';
import { Rsvp } from '../../meetings/entities/rsvp.entity';
import { MeetingStatus, RsvpStatus } from '../../meetings/meetings.enums';
import { NotificationOutbox } from '../notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../notifications.enums';
import { meetingParams } from '../producers/recipients';
import type { ScheduledTask } from '../scheduled-task';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The two reminders and the window in which each may still go out (docs/notifications.md, "Reminders and
 * scheduled notifications"): a reminder is due once the meeting is `lead` away, and is never sent once the
 * meeting is closer than `lead - window` (late: a meeting scheduled 2 h before it starts gets no 24 h reminder).
 */
export const MEETING_REMINDERS = [
  { lead: '24h', aheadMs: 24 * HOUR, windowMs: HOUR },
  { lead: '1h', aheadMs: HOUR, windowMs: 15 * MINUTE },
] as const;

/** One reminder per meeting start and lead: a moved meeting is reminded of its new time, never twice of one. */
export const meetingReminderKey = (meetingId: string, startsAt: Date, lead: string): string =>
  `meeting-reminder:${meetingId}:${startsAt.toISOString()}:${lead}`;

/**
 * Meeting reminders, 24 h and 1 h before the start, to the people who answered `going` and hold a seat (not the
 * waitlisted), of meetings that are `scheduled` when the task runs: a cancelled (or concluded, or live) meeting is
 * reminded of nothing. Idempotent through the outbox's dedupe key, so two runs over one period, or a run repeated
 * after a crash, remind each person once.
 */
@Injectable()
export class MeetingRemindersTask implements ScheduledTask {
  readonly name = 'meeting-reminders';
  readonly everySeconds = 60;

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: NotificationOutbox,
  ) {}

  async run(now: Date): Promise<void> {
    for (const reminder of MEETING_REMINDERS) {
      const meetings = await this.em.fork().find(
        Meeting,
        {
          status: MeetingStatus.Scheduled,
          startsAt: {
            $gt: new Date(now.getTime() + reminder.aheadMs - reminder.windowMs),
            $lte: new Date(now.getTime() + reminder.aheadMs),
          },
        },
        { populate: ['group'], orderBy: { startsAt: 'asc', id: 'asc' } },
      );
      for (const meeting of meetings) await this.remind(meeting, reminder.lead);
    }
  }

  private async remind(meeting: Meeting, lead: '24h' | '1h'): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Read again in the transaction: the meeting may have been moved or cancelled since the scan.
      const current = await em.findOne(
        Meeting,
        { id: meeting.id, status: MeetingStatus.Scheduled, startsAt: meeting.startsAt },
        { populate: ['group'] },
      );
      if (!current) return;
      const seated = await em.find(
        Rsvp,
        { meeting: current.id, status: RsvpStatus.Going, waitlistTicket: null },
        { fields: ['user'], orderBy: { id: 'asc' } },
      );
      await this.outbox.add(em, {
        kind: NotificationKind.MeetingReminder,
        recipientIds: seated.map((r) => r.user.id),
        actorId: null,
        groupId: current.group.id,
        subject: { type: NotificationSubjectType.Meeting, id: current.id },
        params: { ...meetingParams(current, current.group.getEntity()), lead },
        dedupeKey: meetingReminderKey(current.id, current.startsAt, lead),
      });
    });
  }
}
