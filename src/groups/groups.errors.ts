/** The problem codes the groups context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    /** Also raised by the contexts above for group-scoped rules (e.g. posting in a channel). */
    'group.role_required': 403;
    'group.invalid_transition': 409;
    'group.anchor_missing': 409;
    'group.slug_frozen': 409;
    'group.slug_taken': 409;
    'membership.group_closed': 409;
    'membership.invalid_transition': 409;
    'membership.self_approval': 403;
    'membership.invitee_only': 403;
    'membership.anchor_needs_organization': 409;
    'membership.anchor_organization_locked': 409;
  }
}
