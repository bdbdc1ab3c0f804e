/** The audit actions the proposals part of steering records (see audit/audit-actions.ts), with their entity type. */
import '../../audit/audit-actions';

/**
 * Before approval a proposal belongs to no group, so every proposal event is in the platform chain; an approval
 * also records the new group's creation and its anchor invitations in that group's chain (`group.created`,
 * `membership.invited`), like any group creation.
 */
declare module '../../audit/audit-actions' {
  interface AuditActionMap {
    'proposal.submitted': 'GroupProposal';
    /** The proposer revised after changes were requested (`after.revisionNumber` says which revision). */
    'proposal.revised': 'GroupProposal';
    /** A comment in the dialogue (`after.commentId`). */
    'proposal.commented': 'GroupProposal';
    /** approved, rejected or changes_requested, with the rationale (and, when approved, the group's slug). */
    'proposal.decided': 'GroupProposal';
  }
}
