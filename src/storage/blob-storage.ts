import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';

/**
 * Where document bytes live: the local disk under DATA_DIR (the embedded default) or S3-compatible object storage
 * (S3_BUCKET set). Both implement this one interface; callers never know which. Keys are opaque to callers apart
 * from their prefix, which the sweep lists by.
 *
 * Write order (docs/documents.md): blob first under a fresh unique key, then the row that points to it. A blob
 * without a row (failed commit, crash between the two) is removed by `npm run storage:sweep` after a grace period.
 */
export interface BlobStorage {
  readonly kind: 'disk' | 's3';
  /**
   * Streams `body` to `key` and resolves with the number of bytes stored. The blob becomes readable under `key` only
   * once complete; if `body` errors or is destroyed, the promise rejects with that error and nothing is left under
   * `key` (no partial blob). Never buffers the whole body in memory.
   */
  put(key: string, body: Readable, options?: { contentType?: string }): Promise<{ size: number }>;
  /**
   * The bytes of `key`, or of the inclusive byte range `[start, end]` (already checked against the size by the
   * caller). Rejects with `BlobNotFoundError` when there is no such blob.
   */
  read(key: string, range?: BlobRange): Promise<Readable>;
  /** Size and last modification of `key`, or null when absent. */
  stat(key: string): Promise<BlobStat | null>;
  /** Removes `key`; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** Every blob whose key starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<BlobListing>;
}

/** Inclusive byte offsets, as in an HTTP `Range` header. */
export interface BlobRange {
  start: number;
  end: number;
}

export interface BlobStat {
  size: number;
  lastModified: Date;
}

export interface BlobListing extends BlobStat {
  key: string;
}

/** Nest injection token for the configured BlobStorage. */
export const BLOB_STORAGE = Symbol('BLOB_STORAGE');

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob under key ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * A fresh, unique key under `prefix` (e.g. `documents/2026/12/<uuid>`): never derived from user input, so no
 * filename can escape the storage root or collide with another upload.
 */
export function newBlobKey(prefix: string, now: Date = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${prefix}/${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}
