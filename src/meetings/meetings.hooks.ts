/** The hooks the meetings context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import type { MeetingStatus } from './meetings.enums';

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /** A meeting was created (the discussion context opens its live channel). */
    'meeting.created': { meetingId: string; groupId: string; title: string; status: MeetingStatus };
    /** A meeting changed status (its live channel turns read-only once concluded or cancelled). */
    'meeting.status_changed': { meetingId: string; groupId: string; status: MeetingStatus };
    /** A meeting was edited (its live channel takes the new title). */
    'meeting.updated': { meetingId: string; groupId: string; title: string };
  }
  interface QueryHookMap {
    /** `POST /meetings/:id/join` returns the meeting's live channel (the discussion context answers). */
    'meeting.live_channel': { args: { meetingId: string }; result: string | null };
  }
}
