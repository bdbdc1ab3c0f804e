import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataStore } from '@tus/server';
import { Upload } from './entities/upload.entity';
import { storeKey } from './tus-store';

export interface SweepReport {
  /** Uploads whose bytes and row were removed. */
  removed: number;
  /** Uploads whose bytes could not be removed (kept, retried by the next sweep). */
  failed: number;
}

/** Rows handled per round, so a large backlog never loads at once. */
const BATCH = 100;

/**
 * Removes every upload past its `expiresAt` (unfinished: creation + UPLOAD_EXPIRY_HOURS; finished but never
 * consumed: completion + the same): its bytes in the tus store first, then its row, so a failure leaves the row and
 * the next sweep tries again. Callable from the app's timer (UploadSweeper) and from `npm run uploads:sweep`.
 */
export async function sweepExpiredUploads(
  em: EntityManager,
  store: DataStore,
  now: Date = new Date(),
): Promise<SweepReport> {
  const report: SweepReport = { removed: 0, failed: 0 };
  const skipped = new Set<string>();
  for (;;) {
    const batch = await em.find(
      Upload,
      { expiresAt: { $lte: now }, ...(skipped.size > 0 ? { id: { $nin: [...skipped] } } : {}) },
      { orderBy: { expiresAt: 'asc' }, limit: BATCH, fields: ['id'] },
    );
    if (batch.length === 0) return report;
    for (const { id } of batch) {
      if (await removeStored(store, storeKey(id))) {
        await em.nativeDelete(Upload, { id });
        report.removed += 1;
      } else {
        skipped.add(id);
        report.failed += 1;
      }
    }
    em.clear();
  }
}

/**
 * Removes an upload's bytes; true when they are gone (an upload whose bytes were never written or are already gone
 * counts as removed), false when the store failed.
 */
export async function removeStored(store: DataStore, key: string): Promise<boolean> {
  try {
    await store.remove(key);
    return true;
  } catch (error) {
    const status = (error as { status_code?: unknown }).status_code;
    return status === 404 || status === 410;
  }
}
