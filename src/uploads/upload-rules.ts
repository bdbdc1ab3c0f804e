import type { IncomingHttpHeaders } from 'node:http';
import { PayloadTooLargeError, ValidationError } from '../common/errors/domain-error';
import { UploadLengthRequiredError } from './uploads.errors';

/** Longest declared filename we keep; the consumer shortens it further when it sanitises. */
export const MAX_DECLARED_FILENAME = 1024;

/** What a creation request (`POST /uploads`) declares, checked before any row, file or tus code is involved. */
export interface UploadCreation {
  length: number;
  declaredFilename: string | null;
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Reads `Upload-Length` (required, 1..maxBytes) and the `filename` of `Upload-Metadata` from a tus creation
 * request. Refusals are ours (problem+json): 400 without a length, 413 over the limit, 422 for a malformed value.
 */
export function readUploadCreation(headers: IncomingHttpHeaders, maxBytes: number): UploadCreation {
  const rawLength = single(headers['upload-length']);
  if (rawLength === undefined) throw new UploadLengthRequiredError();
  if (!/^\d{1,16}$/.test(rawLength) || Number(rawLength) < 1) {
    throw ValidationError.single('Upload-Length', 'Upload-Length must be a positive integer');
  }
  const length = Number(rawLength);
  if (length > maxBytes) {
    throw new PayloadTooLargeError(`The upload is ${length} bytes; at most ${maxBytes} are accepted.`);
  }
  return { length, declaredFilename: declaredFilename(single(headers['upload-metadata'])) };
}

/**
 * tus metadata: comma-separated `key base64value` pairs (value optional). Only `filename` is kept. A filename is text:
 * no NUL (PostgreSQL cannot store it) and bounded; invalid UTF-8 becomes U+FFFD, which the consumer replaces anyway.
 */
export function declaredFilename(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const pairs = new Map<string, string | null>();
  for (const pair of header.split(',')) {
    const parts = pair.trim().split(' ');
    const [key, value] = parts;
    if (parts.length > 2 || !key || !/^[^\s,]+$/.test(key) || pairs.has(key)) throw badMetadata();
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw badMetadata();
    pairs.set(key, value ?? null);
  }
  const encoded = pairs.get('filename');
  if (encoded === undefined || encoded === null) return null;
  const name = Buffer.from(encoded, 'base64').toString('utf8');
  if (name.includes('\u0000')) {
    throw ValidationError.single('Upload-Metadata', 'filename must not contain a NUL character');
  }
  if (name.length > MAX_DECLARED_FILENAME) {
    throw ValidationError.single(
      'Upload-Metadata',
      `filename must be at most ${MAX_DECLARED_FILENAME} characters`,
    );
  }
  return name === '' ? null : name;
}

const badMetadata = (): ValidationError =>
  ValidationError.single(
    'Upload-Metadata',
    'Upload-Metadata must be comma-separated "key base64value" pairs',
  );
