import type { Logger } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DomainError } from '../../common/errors/domain-error';
import { describeError } from '../../common/errors/loggable-error';
import { type BlobStorage, newBlobKey } from '../../storage/blob-storage';
import { fileEmpty } from '../documents.errors';
import { sanitiseFilename } from './filename';
import { type InspectedBytes, UploadInspector } from './inspector';

export const DOCUMENTS_PREFIX = 'documents';
/** How long a failed upload waits for the multipart parser to say why (it names the cause better than storage). */
const CAUSE_WAIT_MS = 1000;

export interface StoredUpload extends InspectedBytes {
  storageKey: string;
  /** Sanitised, with the sniffed type's extension. */
  filename: string;
}

export interface UploadSource {
  stream: Readable;
  declaredName: string | null;
  /**
   * Settles once the whole request body was read (multipart: nothing may follow the file); a rejection is the
   * reason the upload failed. Absent for a finished tus upload.
   */
  done?: Promise<void>;
}

const settledReason = async (done: Promise<void> | undefined): Promise<unknown> => {
  if (!done) return null;
  return Promise.race([
    done.then(
      () => null,
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve(null), CAUSE_WAIT_MS).unref()),
  ]);
};

/**
 * The one pipeline every upload takes into blob storage, whatever its source: limit, sha256, size and type sniffed
 * while the bytes pass (UploadInspector), under a fresh key (`newBlobKey('documents')`). Blob first, row after
 * (docs/documents.md, "Write order"): on any failure here the blob is deleted before the error goes on, and the
 * caller deletes it (`discardBlob`) when its transaction fails.
 */
export async function storeUpload(
  storage: BlobStorage,
  source: UploadSource,
  maxBytes: number,
  logger: Logger,
): Promise<StoredUpload> {
  const storageKey = newBlobKey(DOCUMENTS_PREFIX);
  const inspector = new UploadInspector(maxBytes, source.declaredName);
  const flowing = pipeline(source.stream, inspector);
  flowing.catch(() => undefined); // its error reaches us through put (the inspector is put's body)
  try {
    await storage.put(storageKey, inspector);
    await flowing;
    if (source.done) await source.done;
    const inspected = inspector.result();
    if (inspected.size === 0) throw fileEmpty();
    return {
      ...inspected,
      storageKey,
      filename: sanitiseFilename(source.declaredName, inspected.sniffed.extension),
    };
  } catch (error) {
    await discardBlob(storage, storageKey, logger);
    if (error instanceof DomainError) throw error;
    // A stream error (the parser's "Unexpected end of form") is a symptom; the parser's own refusal says why.
    const cause = await settledReason(source.done);
    throw cause instanceof DomainError ? cause : error;
  }
}

/** Deletes a blob no row will point to; a failure is logged and left to `npm run storage:sweep`. */
export async function discardBlob(storage: BlobStorage, key: string, logger: Logger): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    logger.warn(`could not delete blob ${key} (storage:sweep will): ${describeError(error)}`);
  }
}
