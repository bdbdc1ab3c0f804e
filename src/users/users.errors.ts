/** The problem codes the users context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'user.self_lockout': 409;
    'user.verified_contact_required': 403;
    'user.own_affiliation': 403;
    'user.no_organization': 409;
  }
}
