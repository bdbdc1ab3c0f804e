/** The problem codes the uploads context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';
import { DomainError } from '../common/errors/domain-error';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'upload.limit_reached': 409;
    'upload.expired': 410;
    'upload.length_required': 400;
  }
}

/** The caller already holds UPLOAD_MAX_OPEN_PER_USER uploads; finishing and using (or terminating) one frees a slot. */
export class UploadLimitReachedError extends DomainError {
  constructor(max: number) {
    super(
      409,
      'Conflict',
      `You already have ${max} open uploads; finish, use or delete one before starting another.`,
      { code: 'upload.limit_reached', params: { max } },
    );
  }
}

/** tus: a resumed upload that the server has given up on answers 410 Gone. */
export class UploadExpiredError extends DomainError {
  constructor() {
    super(410, 'Gone', 'This upload has expired; start a new one.', { code: 'upload.expired' });
  }
}

/** We need the size up front to refuse an oversized upload before any byte is stored (no deferred length). */
export class UploadLengthRequiredError extends DomainError {
  constructor() {
    super(400, 'Bad Request', 'Upload-Length is required (Upload-Defer-Length is not supported).', {
      code: 'upload.length_required',
    });
  }
}
