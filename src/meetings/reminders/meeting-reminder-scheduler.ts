import { Injectable, Logger } from '@nestjs/common';

/**
 * Extension point for meeting reminders (out of scope for now). The meetings context calls `meetingChanged`
 * AFTER a create, edit or status change has committed, with the meeting as it now is. A real implementation
 * (e.g. a queue-backed job scheduler sending e-mail 24 h and 15 min before `startsAt`) replaces the no-op by
 * binding MEETING_REMINDER_SCHEDULER to another class; it should (re)schedule when the meeting is scheduled,
 * reschedule on time changes (compare `sequence`) and drop reminders when cancelled, concluded or deleted.
 */
export const MEETING_REMINDER_SCHEDULER = Symbol('MEETING_REMINDER_SCHEDULER');

export interface MeetingReminderTarget {
  meetingId: string;
  groupId: string;
  status: string;
  startsAt: Date;
  timeZone: string;
  sequence: number;
}

export interface MeetingReminderScheduler {
  meetingChanged(target: MeetingReminderTarget): Promise<void>;
}

/** Default: schedules nothing (reminders are not built yet). */
@Injectable()
export class NoopMeetingReminderScheduler implements MeetingReminderScheduler {
  private readonly logger = new Logger(NoopMeetingReminderScheduler.name);

  meetingChanged(target: MeetingReminderTarget): Promise<void> {
    this.logger.debug(`no reminder scheduler: meeting ${target.meetingId} is ${target.status}`);
    return Promise.resolve();
  }
}
