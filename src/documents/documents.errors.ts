/** The problem codes the documents context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';
import { ConflictError, DomainError } from '../common/errors/domain-error';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'document.edit_forbidden': 403;
    'document.upload_incomplete': 409;
    'document.file_required': 422;
    'document.file_empty': 422;
    'document.meeting_not_in_group': 422;
    'document.range_not_satisfiable': 416;
  }
}

const UNPROCESSABLE = 'Unprocessable Content';

export const fileRequired = (): DomainError =>
  new DomainError(422, UNPROCESSABLE, 'Send the file as a multipart part named "file", or an uploadId.', {
    code: 'document.file_required',
    errors: [{ path: 'file', message: 'file is required (or uploadId)' }],
  });

export const fileAndUploadId = (): DomainError =>
  new DomainError(422, UNPROCESSABLE, 'Send either a file part or an uploadId, not both.', {
    code: 'document.file_required',
    errors: [{ path: 'uploadId', message: 'uploadId must not be sent with a file part' }],
  });

export const fileEmpty = (): DomainError =>
  new DomainError(422, UNPROCESSABLE, 'The file is empty.', {
    code: 'document.file_empty',
    errors: [{ path: 'file', message: 'file must not be empty' }],
  });

export const meetingNotInGroup = (): DomainError =>
  new DomainError(422, UNPROCESSABLE, 'meetingId must name a meeting of this group.', {
    code: 'document.meeting_not_in_group',
    errors: [{ path: 'meetingId', message: 'meetingId must name a meeting of this group' }],
  });

export const uploadIncomplete = (offset: number, length: number | null): ConflictError =>
  new ConflictError(`The upload is not finished yet (${offset} of ${length ?? 'unknown'} bytes).`, {
    code: 'document.upload_incomplete',
    params: { offset, length },
  });

export const rangeNotSatisfiable = (size: number): DomainError =>
  new DomainError(416, 'Range Not Satisfiable', `The range is outside the ${size} bytes of this version.`, {
    code: 'document.range_not_satisfiable',
    params: { size },
  });
