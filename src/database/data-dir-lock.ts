import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './startup-error';

/**
 * One Convene process owns a DATA_DIR at a time: `DATA_DIR/convene.pid` names it (PID, the process's start time
 * so a recycled PID is not taken for the owner, and its command). The file is created exclusively, so two starts
 * racing each other cannot both win. A `kill -9` leaves it behind naming a dead process: that is how a stale
 * embedded PostgreSQL is recognised as an orphan that may be stopped (see stale-postgres.ts).
 */
export const LOCK_FILE = 'convene.pid';

export interface LockOwner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot), where the platform has it. */
  startTime?: string;
  command?: string;
}

export interface DataDirLock {
  /** The previous owner when it was found dead (its embedded PostgreSQL may still be running). */
  staleOwner?: LockOwner;
  release(): void;
}

/** Start time of a process, to tell it apart from a later process that got the same PID; undefined off Linux. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** True for a process that exists and has not exited (a zombie waiting to be reaped counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat');
  }
}

export function ownerAlive(owner: LockOwner): boolean {
  if (!processAlive(owner.pid)) return false;
  const startTime = processStartTime(owner.pid);
  return owner.startTime === undefined || startTime === undefined || startTime === owner.startTime;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && Number.isInteger(owner.pid) && owner.pid > 0
      ? (owner as LockOwner)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeCommand(): string {
  const script = process.argv[1] ?? '';
  if (/seed-demo/.test(script)) return 'npm run seed:demo';
  if (/audit-verify/.test(script)) return 'npm run audit:verify';
  if (/main\.(js|ts)$/.test(script)) return 'the server';
  return script.split('/').slice(-2).join('/') || 'node';
}

/** Takes DATA_DIR for this process, or throws the one-line StartupError naming the live owner. */
export function lockDataDir(dataDir: string, shownDir: string = dataDir): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    command: describeCommand(),
  };
  let staleOwner: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        staleOwner,
        release() {
          if (released) return;
          released = true;
          if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && ownerAlive(owner)) {
      throw new StartupError(
        `the data folder ${shownDir} is in use by ${owner.command ?? 'Convene'} with PID ${owner.pid}; stop it or choose another DATA_DIR`,
      );
    }
    // Dead owner (or an unreadable file, e.g. cut short by a crash mid-write): take it over.
    staleOwner ??= owner;
    rmSync(file, { force: true });
  }
  throw new StartupError(
    `could not lock the data folder ${shownDir} (${file}); remove that file and start again`,
  );
}
