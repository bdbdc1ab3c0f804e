import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { processAlive } from '../../src/database/data-dir-lock';
import { isPostgresOf, readPostmasterPid } from '../../src/database/stale-postgres';

/**
 * The real server as `npm start` runs it (node dist/src/main.js) in a child process, for the specs that need a
 * process: its start-up and crash handling (server-process.e2e-spec.ts) and the fault tests (faults.e2e-spec.ts).
 */
export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

const children = new Set<ChildProcess>();

const hasFlock = (): boolean => {
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * What `npm start`'s prestart does: builds dist/ when it is older than its sources, a no-op otherwise. Spec
 * files in parallel workers take turns (flock on the repository folder, where available): `nest build` empties
 * dist/ first, which would pull it from under a server another file runs; the second finds it fresh.
 */
export function buildIfStale(): void {
  const script = join(ROOT, 'scripts', 'build-if-stale.js');
  if (hasFlock()) execFileSync('flock', [ROOT, process.execPath, script], { cwd: ROOT, stdio: 'ignore' });
  else execFileSync(process.execPath, [script], { cwd: ROOT, stdio: 'ignore' });
}

export function runServer(dataDir: string, env: Record<string, string> = {}): Started {
  // Only what the server reads: none of the test run's database or secrets.
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
  };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: { ...base, ...env }, stdio: 'pipe' });
  children.add(child);
  const started: Started = { child, stdout: [], stderr: [], exit: undefined as never };
  const lines = (into: string[]) => (chunk: Buffer) =>
    into.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', lines(started.stdout));
  child.stderr.on('data', lines(started.stderr));
  started.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return started;
}

/** Resolves with the URL of the start-up line once the server prints it; rejects if the process exits first. */
export async function listening(s: Started, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void s.exit.then(() => (exited = true));
  while (Date.now() < deadline) {
    const line = s.stdout.find((l) => l.startsWith('Convene listening on '));
    if (line) return /^Convene listening on (\S+?);?\s/.exec(`${line} `)![1];
    if (exited) throw new Error(`server exited: ${s.stderr.join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('server did not start in time');
}

/** The status of `GET /health/ready`, 0 when nothing answers. */
export const readyStatus = (url: string): Promise<number> =>
  fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
    (res) => res.status,
    () => 0,
  );

/** SIGKILLs every child started here that still runs. */
export function killServers(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Leaves nothing running whatever failed: our children, and a postgres still holding the data folder. */
export async function killEverything(dataDir: string): Promise<void> {
  killServers();
  const holder = readPostmasterPid(join(dataDir, 'postgres'));
  if (holder && processAlive(holder.pid) && isPostgresOf(holder.pid, join(dataDir, 'postgres'))) {
    process.kill(holder.pid, 'SIGINT');
    for (let i = 0; i < 100 && processAlive(holder.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
}

/** Registers a spawned helper process (e.g. a script) so killServers ends it too. */
export function track(child: ChildProcess): void {
  children.add(child);
}
