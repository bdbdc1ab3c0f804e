/** The audit actions the consensus context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** A member proposed a priority area (group chain). */
    'priority_area.proposed': 'PriorityArea';
    /** A member recorded or changed their position; `after` carries the position with its snapshots. */
    'priority_area.position_recorded': 'PriorityArea';
    /** An anchor adopted the area (outcome, review date, override reason, the tally at adoption). */
    'priority_area.adopted': 'PriorityArea';
    'priority_area.retired': 'PriorityArea';
  }
}
