/** The audit actions the organizations context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** A steward registered an organisation (platform chain). */
    'organization.created': 'Organization';
  }
}
