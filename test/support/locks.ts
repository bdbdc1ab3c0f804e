import type { Client } from 'pg';

/**
 * Resolves 'blocked' once some backend waits on a lock held by `holder` (a pg connection playing one side of a
 * race mid-transaction), or 'finished' if `request` completes first, i.e. it never waited for that lock.
 * Polls PostgreSQL's lock graph (pg_blocking_pids): no wall-clock assertion.
 */
export async function blockedOrFinished(
  holder: Client,
  request: Promise<unknown>,
): Promise<'blocked' | 'finished'> {
  let finished = false;
  const done = request.then(() => {
    finished = true;
    return 'finished' as const;
  });
  const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  const blocked = (async () => {
    while (!finished) {
      const { rows } = await holder.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
        [pid],
      );
      if (Number(rows[0].n) > 0) return 'blocked' as const;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return 'finished' as const;
  })();
  return Promise.race([blocked, done]);
}

/**
 * Resolves once `count` backends of the holder's database wait on a lock, directly on one `holder` holds or
 * queued behind another waiter (PostgreSQL lets the first waiter for a row take the tuple lock, so the others'
 * pg_blocking_pids name that waiter, not the holder). E.g. two instances' commit statements queued behind a row
 * lock the test holds. Polls the lock graph like blockedOrFinished; fails after `timeoutMs`.
 */
export async function waitersOn(holder: Client, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await holder.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity
       where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0`,
    );
    if (Number(rows[0].n) >= count) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} blocked backends`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
