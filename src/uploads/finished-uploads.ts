import type { Readable } from 'node:stream';

/**
 * The port between resumable (tus 1.0) uploads under `/uploads` and the contexts that turn a finished upload into
 * something (today: a document version). The uploads context implements it; documents injects it by token and
 * never sees tus or its store.
 */
export interface FinishedUploads {
  /**
   * The upload `uploadId` as seen by `userId`: `missing` when there is no such upload or it belongs to someone else
   * (callers answer 404 for both), `incomplete` while bytes are still expected, `ready` when every byte arrived.
   */
  find(uploadId: string, userId: string): Promise<UploadLookup>;
  /**
   * Removes a finished upload once the caller's transaction that consumed it has committed (its bytes now live in
   * blob storage). Removing an absent upload is not an error.
   */
  remove(uploadId: string): Promise<void>;
}

export type UploadLookup =
  | { status: 'missing' }
  | { status: 'incomplete'; offset: number; length: number | null }
  | { status: 'ready'; upload: FinishedUpload };

export interface FinishedUpload {
  id: string;
  size: number;
  /** The `filename` the client declared in its tus `Upload-Metadata`, unsanitised (the consumer sanitises it). */
  declaredFilename: string | null;
  /** A fresh stream of the whole upload, from byte 0. */
  open(): Readable;
}

/** Nest injection token for the FinishedUploads implementation (the uploads context provides it). */
export const FINISHED_UPLOADS = Symbol('FINISHED_UPLOADS');
