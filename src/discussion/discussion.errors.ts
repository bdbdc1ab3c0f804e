/** The problem codes the discussion context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'channel.duplicate_name': 409;
    'channel.read_only': 403;
    'message.deleted': 409;
    'message.not_author': 403;
    'message.delete_forbidden': 403;
  }
}
