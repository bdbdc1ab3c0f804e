/**
 * Group commit per key (a channel): the first item of an idle key is committed alone at once; items that arrive
 * while that commit is in flight wait and go together in the next one, at most `maxBatch` per commit, in arrival
 * order. One commit per key runs at a time on this process and each batch's results are handed out in batch
 * order before the next batch starts, so whatever the caller does on success (broadcast, ack) follows commit
 * order. Different keys commit in parallel.
 *
 * `commit` receives the batch and answers one outcome per item (same order): an item fails alone by answering an
 * Error; if `commit` itself throws, every item of that batch fails with that error and the next batch proceeds.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitStats {
  /** Commits run (one per batch). */
  batches: number;
  /** Items that went through a commit. */
  items: number;
  /** The largest batch so far. */
  largestBatch: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Lane<T, R> {
  queue: Waiting<T, R>[];
  running: boolean;
}

export class GroupCommit<T, R> {
  private readonly lanes = new Map<string, Lane<T, R>>();
  readonly stats: GroupCommitStats = { batches: 0, items: 0, largestBatch: 0 };

  constructor(
    private readonly maxBatch: number,
    private readonly commit: (key: string, items: T[]) => Promise<Outcome<R>[]>,
  ) {
    if (maxBatch < 1) throw new Error('maxBatch must be at least 1');
  }

  run(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let lane = this.lanes.get(key);
      if (!lane) {
        lane = { queue: [], running: false };
        this.lanes.set(key, lane);
      }
      lane.queue.push({ item, resolve, reject });
      if (!lane.running) {
        lane.running = true;
        void this.drain(key, lane);
      }
    });
  }

  /** Items of `key` waiting for a commit (not counting the one in flight). */
  queued(key: string): number {
    return this.lanes.get(key)?.queue.length ?? 0;
  }

  private async drain(key: string, lane: Lane<T, R>): Promise<void> {
    while (lane.queue.length > 0) {
      const batch = lane.queue.splice(0, this.maxBatch);
      this.stats.batches += 1;
      this.stats.items += batch.length;
      this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
      let outcomes: Outcome<R>[];
      try {
        outcomes = await this.commit(
          key,
          batch.map((w) => w.item),
        );
        if (outcomes.length !== batch.length) throw new Error('group commit: one outcome per item expected');
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      batch.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    }
    lane.running = false;
    this.lanes.delete(key);
  }
}
