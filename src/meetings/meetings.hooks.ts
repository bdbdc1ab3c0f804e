/** The hooks the meetings context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import type { MeetingStatus } from './meetings.enums';

/** A document linked to a meeting, as the meeting's answer lists it (the documents context answers). */
export interface MeetingLinkedDocument {
  id: string;
  meetingId: string;
  title: string;
  kind: string;
  visibility: string;
}

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
    /**
     * Agenda items link documents by id: which of `documentIds` are live documents of the group (the documents
     * context answers; with no answer, the ids are kept unchecked as before).
     */
    'agenda.linkable_documents': { args: { groupId: string; documentIds: string[] }; result: string[] };
    /**
     * The documents linked to each meeting that its reader may see: members-only documents only for meetings
     * where `includeMembersOnly` (the reader is a member or a steward).
     */
    'meeting.linked_documents': {
      args: { meetings: { meetingId: string; includeMembersOnly: boolean }[] };
      result: MeetingLinkedDocument[];
    };
  }
}
