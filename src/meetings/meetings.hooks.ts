/** The hooks the meetings context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import type { AgendaItemStatus, MeetingStatus } from './meetings.enums';

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
    /**
     * A meeting was created (the discussion context opens its live channel; notifications announce it when it is
     * created already `scheduled`). `actorId`: who created it.
     */
    'meeting.created': {
      meetingId: string;
      groupId: string;
      title: string;
      status: MeetingStatus;
      actorId: string | null;
    };
    /**
     * A meeting changed status (its live channel turns read-only once concluded or cancelled; notifications
     * announce a meeting published or cancelled).
     */
    'meeting.status_changed': {
      meetingId: string;
      groupId: string;
      status: MeetingStatus;
      previousStatus: MeetingStatus;
      reason: string | null;
      actorId: string | null;
    };
    /**
     * A meeting was edited (its live channel takes the new title; notifications tell who answered when a
     * scheduled meeting moves). `previousStartsAt` / `previousEndsAt`: its times before the edit.
     */
    'meeting.updated': {
      meetingId: string;
      groupId: string;
      title: string;
      status: MeetingStatus;
      previousStartsAt: Date;
      previousEndsAt: Date;
      actorId: string | null;
    };
    /** People on the waitlist got a seat (a seat given up, a larger capacity): notifications tell each of them. */
    'meeting.waitlist_promoted': {
      meetingId: string;
      groupId: string;
      userIds: string[];
      actorId: string | null;
    };
    /** An anchor accepted or rejected an agenda item (notifications tell its proposer). */
    'agenda_item.decided': {
      itemId: string;
      meetingId: string;
      groupId: string;
      status: AgendaItemStatus.Accepted | AgendaItemStatus.Rejected;
      proposedById: string;
      actorId: string | null;
    };
    /**
     * Minutes were published (notifications tell the group's members, and each action item's assignee: the items
     * become visible with the minutes).
     */
    'minutes.published': {
      minutesId: string;
      meetingId: string;
      groupId: string;
      actionItemIds: string[];
      actorId: string | null;
    };
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
