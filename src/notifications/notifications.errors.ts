/** The problem codes the notifications context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    /** An unsubscribe link that was genuine but is older than its lifetime (90 days). */
    'unsubscribe.expired': 410;
  }
}
