/** The audit actions the groups context records (see audit/audit-actions.ts), with their entity type. */
import type { AuditActionOn } from '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    'group.created': 'WorkingGroup';
    'group.updated': 'WorkingGroup';
    'group.status_changed': 'WorkingGroup';
    /** Joined an open group. */
    'membership.joined': 'Membership';
    /** Asked to join a group that approves members (or after a removal or rejection). */
    'membership.requested': 'Membership';
    /** A steward added someone directly. */
    'membership.added': 'Membership';
    /** An anchor invited someone. */
    'membership.invited': 'Membership';
    /** A request was approved (by an anchor's approval or invitation). */
    'membership.approved': 'Membership';
    /** The invitee accepted an invitation. */
    'membership.accepted': 'Membership';
    /** An anchor rejected a request. */
    'membership.rejected': 'Membership';
    /** The invitee declined an invitation. */
    'membership.declined': 'Membership';
    'membership.role_changed': 'Membership';
    'membership.left': 'Membership';
    'membership.removed': 'Membership';
  }
}

/** What a membership change is recorded as. */
export type MembershipAction = AuditActionOn<'Membership'>;
