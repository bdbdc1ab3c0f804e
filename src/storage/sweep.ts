import type { BlobStorage } from './blob-storage';

/**
 * A store whose interrupted writes leave something behind that is not a blob: temp files on disk, multipart uploads
 * on S3. Both stores implement it; it is kept off BlobStorage because only the sweep has any business with it.
 */
export interface IncompleteWrites {
  /**
   * Removes the leftovers older than `olderThan`. On S3 only multipart uploads under `prefix` (another user of the
   * bucket, such as tus's S3 store, keeps its own in-progress uploads there for hours); on disk every stale temp file,
   * which has no key and is only ever the store's own.
   */
  removeIncomplete(olderThan: Date, prefix: string): Promise<number>;
}

function hasIncompleteWrites(storage: BlobStorage): storage is BlobStorage & IncompleteWrites {
  return typeof (storage as Partial<IncompleteWrites>).removeIncomplete === 'function';
}

export interface SweepOptions {
  /**
   * The grace cutoff: only blobs last modified before it are candidates. It must be older than the longest time
   * between a put completing and its row committing (blob first, then the row), or a blob about to be referenced
   * could be removed; hours, not seconds.
   */
  olderThan: Date;
  /** How many candidate keys are looked up (and held in memory) at once; default 500. */
  batchSize?: number;
}

export interface SweepResult {
  /** Blobs listed under the prefix. */
  scanned: number;
  /** Younger than the cutoff, left alone whether referenced or not. */
  young: number;
  /** Old enough and referenced by a row. */
  referenced: number;
  /** Old enough, referenced by no row: deleted. */
  removed: number;
  /** Leftovers of interrupted writes (temp files, multipart uploads) older than the cutoff, removed. */
  incompleteRemoved: number;
}

/**
 * Removes the blobs under `prefix` that are older than `olderThan` and that no row references: the orphans of a
 * failed commit or a crash between the put and the row. `isReferenced` receives a batch of keys and answers those a
 * row points to (the caller's query; storage knows no rows). A key it cannot vouch for must be answered as
 * referenced, never left out: leaving it out deletes it.
 *
 * Blobs are listed lazily and handled a batch at a time, so memory stays bounded by `batchSize` whatever the store's
 * size. Deleting while listing is safe on both stores (a disk directory walk or an S3 continuation token).
 */
export async function sweepOrphans(
  storage: BlobStorage,
  prefix: string,
  isReferenced: (keys: string[]) => Promise<Set<string>>,
  options: SweepOptions,
): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const result: SweepResult = { scanned: 0, young: 0, referenced: 0, removed: 0, incompleteRemoved: 0 };

  const settle = async (batch: string[]): Promise<void> => {
    const referenced = await isReferenced(batch);
    for (const key of batch) {
      if (referenced.has(key)) {
        result.referenced++;
      } else {
        await storage.delete(key);
        result.removed++;
      }
    }
  };

  let batch: string[] = [];
  for await (const blob of storage.list(prefix)) {
    result.scanned++;
    if (blob.lastModified >= options.olderThan) {
      result.young++;
      continue;
    }
    batch.push(blob.key);
    if (batch.length >= batchSize) {
      await settle(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await settle(batch);

  if (hasIncompleteWrites(storage)) {
    result.incompleteRemoved = await storage.removeIncomplete(options.olderThan, prefix);
  }
  return result;
}
