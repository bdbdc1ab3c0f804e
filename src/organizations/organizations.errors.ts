/** The problem codes the organizations context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'organization.duplicate_name': 409;
  }
}
