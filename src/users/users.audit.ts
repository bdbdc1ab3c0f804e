/** The audit actions the users context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** An admin changed a user's platform role or disabled flag (platform chain). */
    'user.updated': 'User';
    /** An admin or a verified contact of the organisation verified the user's affiliation (platform chain). */
    'user.affiliation_verified': 'User';
    /** An admin or a verified contact withdrew the verification of the user's affiliation (platform chain). */
    'user.affiliation_unverified': 'User';
  }
}
