/**
 * Child processes of `npm run bench`: the application as production runs it (`dist/src/main.js`) and the
 * baselines, each in a process of its own so that load generator and server never share an event loop, and the
 * CPU time each one spent (from /proc, as `ps` reports it).
 */
import { ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

export interface BenchProcess {
  child: ChildProcess;
  pid: number;
  /** Base URL printed by the process, e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..');
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** user + system CPU seconds spent so far by a process (0 when /proc is unavailable). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS). */
export function rssKiBOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) : 0;
}

/** This process's own CPU seconds (the load generator's). */
export const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Builds dist/ when the sources are newer (what `npm start` does first). */
export function ensureBuild(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.js')], { cwd: ROOT, stdio: 'ignore' });
}

/**
 * Spawns `args` with node and waits for a stdout line matching `listening` whose first group is the URL.
 * Stderr is kept for the error message if the process exits before that.
 */
/** SIGTERM, then SIGKILL after `killAfterMs`; resolves once it has exited (at once when it already has, by code or signal). */
function stopChild(child: ChildProcess, killAfterMs: number): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
  });
}

function spawnListening(args: string[], env: NodeJS.ProcessEnv, listening: RegExp): Promise<BenchProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`${args.join(' ')} exited (${code}) before listening: ${stderr || stdout}`));
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = listening.exec(stdout);
      if (!match) return;
      child.off('exit', onExit);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        child,
        pid: child.pid ?? 0,
        url: match[1].replace('localhost', '127.0.0.1'),
        stop: () => stopChild(child, 10_000),
      });
    });
  });
}

export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** The production build against `databaseUrl`, logging off, with the socket limits lifted (they would be measured instead). */
export function startAppProcess(
  databaseUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<BenchProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'silent',
    LOG_PRETTY: 'false',
    SOCKET_RATE_PER_SECOND: '1000000',
    SOCKET_RATE_BURST: '1000000',
    SOCKET_USER_RATE_PER_SECOND: '1000000',
    SOCKET_USER_RATE_BURST: '1000000',
    SOCKET_USER_JOINS_PER_MINUTE: '1000000',
    SOCKET_MAX_CONNECTIONS_PER_USER: '1000000',
    ...extraEnv,
  };
  delete env.REDIS_URL; // one instance, in-memory adapter
  // e.g. BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the app under load (docs/performance.md).
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawnListening(
    [...nodeArgs, join(ROOT, 'dist/src/main.js')],
    env,
    /Convene listening on (http:\/\/\S+?)[;\s]/,
  );
}

/**
 * A self-contained bench/*.ts server (imports from node and node_modules only) run as plain JavaScript, as the
 * app runs from dist/: under ts-node a process also holds the TypeScript compiler and its leftovers, which would
 * make it no baseline for memory (its RSS can fall while sockets are added, once that heap is collected). The
 * module is transpiled to dist/bench/ (so node_modules resolve from the repository) and must print
 * `listening on <url>`.
 */
export function startPlainChild(module: string, env: NodeJS.ProcessEnv = {}): Promise<BenchProcess> {
  const source = readFileSync(join(__dirname, module), 'utf8');
  if (/from '\.\.?\//.test(source)) throw new Error(`${module} imports relative modules: not self-contained`);
  const { outputText } = transpileModule(source, {
    compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true },
    fileName: module,
  });
  const outDir = join(ROOT, 'dist/bench');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, module.replace(/\.ts$/, '.js'));
  writeFileSync(file, outputText);
  return spawnListening([file], { ...process.env, ...env }, /listening on (http:\/\/\S+)/);
}

/** A bench/*.ts module run as a child with ts-node; it prints `listening on <url>`. */
export function startBenchChild(
  module: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<BenchProcess> {
  return spawnListening(
    ['-r', 'ts-node/register/transpile-only', join(__dirname, module), ...args],
    { ...process.env, ...env },
    /listening on (http:\/\/\S+)/,
  );
}

/** A bench/*.ts module forked with ts-node and an IPC channel; `ask` sends a message and awaits a reply key. */
export interface IpcChild {
  child: ChildProcess;
  pid: number;
  ask<T>(message: unknown, replyKey: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function forkBenchChild(
  module: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<IpcChild> {
  const child = fork(join(__dirname, module), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waitFor = <T>(replyKey: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${module} ${args.join(' ')}: no '${replyKey}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: Record<string, unknown>): void => {
        if ('failed' in message) {
          clearTimeout(timer);
          child.off('message', onMessage);
          reject(new Error(`${module} ${args.join(' ')}: ${String(message.failed)}`));
        } else if (replyKey in message) {
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(message[replyKey] as T);
        }
      };
      child.on('message', onMessage);
    });
  const first = args[0] === 'raw' ? 'ready' : 'alive';
  return waitFor<unknown>(first, 60_000).then(() => ({
    child,
    pid: child.pid ?? 0,
    ask: <T>(message: unknown, replyKey: string, timeoutMs = 300_000): Promise<T> => {
      const reply = waitFor<T>(replyKey, timeoutMs);
      child.send(message as Parameters<ChildProcess['send']>[0]);
      return reply;
    },
    stop: () => stopChild(child, 5_000),
  }));
}
