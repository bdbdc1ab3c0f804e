import type { Request } from 'express';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { BodyValidationPipe } from '../common/validation/body-validation.pipe';
import type { FinishedUploads } from '../uploads/finished-uploads';
import { fileAndUploadId, fileRequired, uploadIncomplete } from './documents.errors';
import { readMultipart } from './upload/multipart';
import type { UploadSource } from './upload/ingest';

const pipe = new BodyValidationPipe();

/** Multipart fields (or a JSON body) through the app's one validation pipe: the usual 422 with field paths. */
export async function validateFields<T extends object>(dtoClass: new () => T, value: unknown): Promise<T> {
  return (await pipe.transform(value, { type: 'body', metatype: dtoClass })) as T;
}

export interface Intake<T> {
  fields: T;
  /** The bytes: a multipart `file` part, or a finished tus upload named by `uploadId`. */
  source: { kind: 'file'; file: UploadSource } | { kind: 'upload'; uploadId: string };
}

/**
 * Reads what a document or version upload sends: multipart (fields first, then the `file` part, which is not
 * consumed yet: the caller streams it) or a JSON body naming a finished upload. Validation failures refuse the
 * rest of the body before a byte is stored; so do those of `checkFields` (rules on the fields' values).
 */
export async function readIntake<T extends { uploadId?: string }>(
  req: Request,
  dtoClass: new () => T,
  maxBytes: number,
  checkFields: (fields: T) => Promise<void> = () => Promise.resolve(),
): Promise<Intake<T>> {
  if (!req.is('multipart/form-data')) {
    const fields = await validateFields(dtoClass, req.body ?? {});
    if (!fields.uploadId) throw fileRequired();
    await checkFields(fields);
    return { fields, source: { kind: 'upload', uploadId: fields.uploadId } };
  }
  const head = await readMultipart(req, maxBytes);
  try {
    const fields = await validateFields(dtoClass, head.fields).catch((error: unknown) => {
      throw head.file ? withFieldOrderHint(error) : error;
    });
    if (head.file && fields.uploadId) throw fileAndUploadId();
    await checkFields(fields);
    if (head.file) return { fields, source: { kind: 'file', file: { ...head.file, done: head.done } } };
    if (!fields.uploadId) throw fileRequired();
    await head.done;
    return { fields, source: { kind: 'upload', uploadId: fields.uploadId } };
  } catch (error) {
    if (error instanceof DomainError) head.abort(error);
    else head.abort(new DomainError(500, 'Internal Server Error', 'The upload failed.'));
    throw error;
  }
}

/**
 * Fields are read up to the file part and validated then; a required field sent after the file is therefore
 * missing at that point, and the message says where it must go.
 */
function withFieldOrderHint(error: unknown): unknown {
  if (!(error instanceof ValidationError) || !error.extras.errors) return error;
  const errors = error.extras.errors.map((e) =>
    e.message.endsWith(' is required')
      ? { ...e, message: `${e.message} (send every field before the file part)` }
      : e,
  );
  return new ValidationError(errors, error.detail);
}

export const NOT_FOUND_UPLOAD = 'Upload';

/**
 * A finished tus upload of the caller, as an upload source: 404 when there is none (or it is someone else's, or
 * no uploads context is loaded), 409 with its offset while bytes are still expected.
 */
export async function finishedUploadSource(
  uploads: FinishedUploads | null | undefined,
  uploadId: string,
  userId: string,
): Promise<UploadSource> {
  if (!uploads) throw new NotFoundError(NOT_FOUND_UPLOAD);
  const lookup = await uploads.find(uploadId, userId);
  if (lookup.status === 'missing') throw new NotFoundError(NOT_FOUND_UPLOAD);
  if (lookup.status === 'incomplete') throw uploadIncomplete(lookup.offset, lookup.length);
  return { stream: lookup.upload.open(), declaredName: lookup.upload.declaredFilename };
}
