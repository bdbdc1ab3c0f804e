/** The problem codes the health context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'health.not_ready': 503;
  }
}
