import { ICalCalendarMethod } from 'ical-generator';
import { renderCalendar } from '../calendar.service';
import type { Meeting } from '../entities/meeting.entity';

/**
 * A meeting as an email invitation (iTIP, RFC 5546): the very event `GET /meetings/:id/ics` serves (same UID and
 * SEQUENCE, so calendar clients update it in place), with `METHOD:REQUEST`, or `METHOD:CANCEL` once it is
 * cancelled, plus the organiser and the one attendee it is sent to. Public surface for the notifications context.
 */
export function meetingInvitationIcs(
  meeting: Meeting,
  options: {
    cancel: boolean;
    showOnlineUrl: boolean;
    organizer: { name: string; email: string };
    attendee: { name: string; email: string };
  },
): string {
  return renderCalendar(meeting.title, [meeting], options.showOnlineUrl, {
    method: options.cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    organizer: options.organizer,
    attendee: options.attendee,
  });
}
