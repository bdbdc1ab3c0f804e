import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockOwner, processAlive } from './data-dir-lock';
import { StartupError } from './startup-error';

/** PostgreSQL's own lock: line 1 the postmaster PID, line 2 its data directory. */
export function readPostmasterPid(clusterDir: string): { pid: number; dataDir: string } | undefined {
  try {
    const [pid, dataDir] = readFileSync(resolve(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const parsed = Number(pid);
    return Number.isInteger(parsed) && parsed > 0 ? { pid: parsed, dataDir: dataDir ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is really a postgres serving `clusterDir`: its command line (from /proc) runs a postgres
 * binary with `-D clusterDir`. Without /proc we cannot tell and answer no, which makes the caller refuse.
 */
export function isPostgresOf(pid: number, clusterDir: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const dir = argv[argv.indexOf('-D') + 1];
    return /(^|\/)postgres$/.test(argv[0] ?? '') && dir !== undefined && resolve(dir) === resolve(clusterDir);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(100);
  }
  return !processAlive(pid);
}

/**
 * Before the embedded PostgreSQL starts: a postgres still holding the cluster is stopped when it is an orphan,
 * i.e. our lock file named a Convene process that is gone (killed with -9, or crashed). Smart shutdown first
 * (SIGTERM: lets anything still connected finish), then fast (SIGINT: rolls back open transactions); both leave
 * the cluster consistent. A postgres we cannot prove orphaned is left alone and the start refused.
 */
export async function stopOrphanedPostgres(
  clusterDir: string,
  staleOwner: LockOwner | undefined,
  shownDir: string,
  log: (line: string) => void = () => undefined,
  timeouts = { smartMs: 5_000, fastMs: 15_000 },
): Promise<void> {
  const holder = readPostmasterPid(clusterDir);
  if (!holder || !processAlive(holder.pid)) return; // none, or a stale file postgres itself will replace
  if (!isPostgresOf(holder.pid, clusterDir)) {
    if (existsSync(`/proc/${holder.pid}/cmdline`)) return; // a recycled PID: postgres sees it is not a postmaster
    throw new StartupError(
      `the data folder ${shownDir} is locked by process ${holder.pid} (${clusterDir}/postmaster.pid); stop it or choose another DATA_DIR`,
    );
  }
  if (!staleOwner) {
    throw new StartupError(
      `the data folder ${shownDir} is in use by a PostgreSQL (PID ${holder.pid}) no Convene process owns; stop it (kill ${holder.pid}) or choose another DATA_DIR`,
    );
  }
  log(`stopping the orphaned PostgreSQL (PID ${holder.pid}) left by Convene PID ${staleOwner.pid}`);
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(holder.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  if (await waitForExit(holder.pid, timeouts.smartMs)) return;
  signal('SIGINT');
  if (await waitForExit(holder.pid, timeouts.fastMs)) return;
  throw new StartupError(
    `the orphaned PostgreSQL (PID ${holder.pid}) of the data folder ${shownDir} did not stop; kill ${holder.pid} and start again`,
  );
}
