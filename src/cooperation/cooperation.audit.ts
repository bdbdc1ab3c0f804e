/** The audit actions the cooperation context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    'commitment.created': 'Commitment';
    /** Status, title or link changed. */
    'commitment.updated': 'Commitment';
    /** A dated progress note was added (its id, date and text ride in `after`). */
    'commitment.progress_noted': 'Commitment';
    'assistance_request.created': 'AssistanceRequest';
    /** One step of the status machine (matched, in_progress, closed, withdrawn). */
    'assistance_request.status_changed': 'AssistanceRequest';
  }
}
