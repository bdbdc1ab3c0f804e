import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import {
  BadRequestError,
  DomainError,
  PayloadTooLargeError,
  ValidationError,
} from '../../common/errors/domain-error';

/** Fields are short metadata; the description (20,000 characters) is the largest, at most 80 kB of UTF-8. */
const FIELD_BYTES = 96 * 1024;
const MAX_FIELDS = 50;
export const FILE_FIELD = 'file';

export type MultipartFields = Record<string, string | string[]>;

export interface MultipartFile {
  /** The file part's bytes, as they arrive; destroyed with the error if the body turns out bad or is cut. */
  stream: Readable;
  /** The filename the client declared (unsanitised). */
  declaredName: string | null;
}

export interface MultipartHead {
  /** Every field before the file part (a repeated name becomes a list). */
  fields: MultipartFields;
  /** Null when the body ended without a file part. */
  file: MultipartFile | null;
  /**
   * Settles when the whole body was read: rejects when it is malformed or cut short, when a field or a second file
   * follows the file, or when the client disconnects. Nothing may be committed before it resolves.
   */
  done: Promise<void>;
  /** Refuses the rest of the body with `error` (e.g. the fields failed validation): the file part is dropped. */
  abort(error: DomainError): void;
}

export const fieldAfterFile = (name: string): ValidationError =>
  new ValidationError(
    [
      {
        path: name,
        message: `${name} must come before the file part (send every field first, the file last)`,
      },
    ],
    'Fields must precede the file part.',
  );

function addField(fields: MultipartFields, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

/**
 * Reads a multipart/form-data request as a stream (busboy; never buffered): collects the fields, then hands over
 * the one `file` part as soon as it starts, so its bytes can flow to storage while they arrive. `maxFileBytes` is
 * enforced while streaming: the file stream fails with 413 at the first byte beyond it.
 */
export function readMultipart(req: IncomingMessage, maxFileBytes: number): Promise<MultipartHead> {
  return new Promise<MultipartHead>((resolveHead, rejectHead) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send UTF-8 filenames raw in the part header (not RFC 2231-encoded): read them as UTF-8.
        defParamCharset: 'utf8',
        // One more than allowed, so that 'limit' means "larger than the limit" (busboy fires it on reaching it).
        limits: {
          fileSize: maxFileBytes + 1,
          files: 1,
          fields: MAX_FIELDS,
          fieldSize: FIELD_BYTES,
          parts: MAX_FIELDS + 1,
        },
      });
    } catch {
      rejectHead(new BadRequestError('The multipart body has no boundary.', { code: 'request.malformed' }));
      return;
    }
    const fields: MultipartFields = {};
    let headSettled = false;
    let file: Readable | null = null;
    let failed: DomainError | null = null;
    let resolveDone!: () => void;
    let rejectDone!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    // The caller may settle `done` late (after the file streamed); never an unhandled rejection meanwhile.
    done.catch(() => undefined);

    const fail = (error: DomainError): void => {
      if (failed) return;
      failed = error;
      req.unpipe(parser);
      if (file && !file.destroyed) {
        // Its consumer (if any) sees the error through its own pipeline; no listener must not crash the process.
        file.on('error', () => undefined);
        file.destroy(error);
      }
      if (!headSettled) {
        headSettled = true;
        rejectHead(error);
      }
      rejectDone(error);
      // Let Node read and discard the rest of the body, so the client can finish sending and read the answer.
      req.resume();
    };

    parser.on('field', (name, value, info) => {
      if (file) return fail(fieldAfterFile(name));
      if (info.valueTruncated) return fail(ValidationError.single(name, `${name} is too long`));
      addField(fields, name, value);
    });
    parser.on('file', (name, stream, info) => {
      if (file || name !== FILE_FIELD) {
        stream.resume();
        return fail(
          ValidationError.single(
            name,
            file ? 'only one file may be sent' : `the file part must be named "${FILE_FIELD}"`,
          ),
        );
      }
      file = stream;
      // The body may fail before the caller's pipeline listens (a cut body is noticed at once): the error is then
      // reported through `done`, never as an unhandled stream error.
      stream.on('error', () => undefined);
      stream.on('limit', () =>
        fail(new PayloadTooLargeError(`The file is larger than the limit of ${maxFileBytes} bytes.`)),
      );
      headSettled = true;
      resolveHead({ fields, file: { stream, declaredName: info.filename ?? null }, done, abort: fail });
    });
    parser.on('fieldsLimit', () =>
      fail(ValidationError.single('', `at most ${MAX_FIELDS} fields may be sent`)),
    );
    parser.on('partsLimit', () =>
      fail(ValidationError.single('', `at most ${MAX_FIELDS + 1} parts may be sent`)),
    );
    parser.on('filesLimit', () => fail(ValidationError.single(FILE_FIELD, 'only one file may be sent')));
    parser.on('error', () =>
      fail(
        new BadRequestError('The multipart body is malformed or incomplete.', { code: 'request.malformed' }),
      ),
    );
    parser.on('close', () => {
      if (failed) return;
      if (!headSettled) {
        headSettled = true;
        resolveHead({ fields, file: null, done, abort: fail });
      }
      resolveDone();
    });
    // A client that goes away mid-body: the file stream fails, so storage drops what it had (no partial blob).
    req.on('close', () => {
      if (!req.complete) {
        fail(
          new BadRequestError('The client disconnected before the body was complete.', {
            code: 'request.malformed',
          }),
        );
      }
    });
    req.pipe(parser);
  });
}
