/** The problem codes the users context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'user.self_lockout': 409;
  }
}
