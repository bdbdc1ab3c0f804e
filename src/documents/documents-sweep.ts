import { EntityManager } from '@mikro-orm/postgresql';
import type { BlobStorage } from '../storage/blob-storage';
import { sweepOrphans, type SweepResult } from '../storage/sweep';
import { referencedStorageKeys } from './documents.queries';
import { DOCUMENTS_PREFIX } from './upload/ingest';

const HOUR = 3_600_000;

/**
 * `npm run storage:sweep`: removes blobs under `documents/` that no version row points to and that are older than
 * the grace period (a put finished, its transaction failed or the process died before the row committed). The
 * grace period must exceed the longest time between a put and its commit; a day is plenty.
 */
export function sweepDocumentBlobs(
  em: EntityManager,
  storage: BlobStorage,
  graceHours: number,
  now: Date = new Date(),
): Promise<SweepResult> {
  return sweepOrphans(storage, `${DOCUMENTS_PREFIX}/`, (keys) => referencedStorageKeys(em, keys), {
    olderThan: new Date(now.getTime() - graceHours * HOUR),
  });
}
