/** The problem codes the auth context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'auth.email_taken': 409;
    'auth.invalid_credentials': 401;
    'auth.account_disabled': 401;
    'auth.session_inactive': 401;
    'auth.refresh_reused': 401;
    'auth.refresh_invalid': 401;
  }
}
