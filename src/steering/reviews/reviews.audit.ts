/** The audit actions of Steering Committee reviews (see audit/audit-actions.ts), with their entity type. */
import '../../audit/audit-actions';

declare module '../../audit/audit-actions' {
  interface AuditActionMap {
    /** The committee opened a review of the group (the group's own `group.status_changed` follows). */
    'review.opened': 'Review';
    /** An anchor submitted (or replaced) the group's self-assessment. */
    'review.self_assessed': 'Review';
    /** The committee recorded its assessment and decision; the metrics were frozen. */
    'review.decided': 'Review';
  }
}
