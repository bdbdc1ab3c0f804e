/** The audit actions the users context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** An admin changed a user's platform role or disabled flag (platform chain). */
    'user.updated': 'User';
  }
}
