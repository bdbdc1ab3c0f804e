/** The audit actions the meetings context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    'meeting.created': 'Meeting';
    'meeting.updated': 'Meeting';
    'meeting.status_changed': 'Meeting';
    /** An RSVP was given or changed (or declined for someone whose membership ended); promotions ride along. */
    'meeting.rsvp': 'Rsvp';
    /** First join of a live meeting by this person. */
    'meeting.joined': 'Attendance';
    'meeting.rejoined': 'Attendance';
    /** A member proposed an agenda item (anchors accept or reject it). */
    'agenda_item.proposed': 'AgendaItem';
    /** An anchor added an agenda item directly. */
    'agenda_item.created': 'AgendaItem';
    'agenda_item.updated': 'AgendaItem';
    'agenda.reordered': 'Meeting';
    /** Draft minutes were saved: hidden from the activity feed of readers who may not see drafts. */
    'minutes.saved': 'Minutes';
    'minutes.published': 'Minutes';
    'action_item.updated': 'ActionItem';
    /** Personal calendar feed tokens (platform chain): one more device's token was issued, or one revoked. */
    'calendar_token.issued': 'CalendarToken';
    'calendar_token.revoked': 'CalendarToken';
    /**
     * Recorded about the User before a person could hold several tokens (issuing replaced the old one); kept
     * so the old events stay typed. No longer written.
     */
    'calendar_token.rotated': 'User';
  }
}
