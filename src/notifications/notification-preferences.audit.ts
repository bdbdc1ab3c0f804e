/** The audit actions of notification preferences (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** Someone changed their email frequencies (PUT /me/notification-preferences or an unsubscribe link). */
    'notification_preferences.updated': 'User';
  }
}
