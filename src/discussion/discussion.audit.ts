/** The audit actions the discussion context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** A topic channel was opened in a group. */
    'channel.created': 'Channel';
    /** Someone other than the author (an anchor) deleted a message; authors deleting their own are not recorded. */
    'message.deleted': 'Message';
  }
}
