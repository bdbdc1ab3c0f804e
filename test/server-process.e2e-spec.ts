import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { processAlive } from '../src/database/data-dir-lock';
import { readPostmasterPid } from '../src/database/stale-postgres';
import {
  buildIfStale,
  killEverything,
  listening,
  readyStatus as ready,
  ROOT,
  runServer as run,
  Started,
  track,
} from './support/server-process';
import { createTempDir, removeTempDir } from './support/temp-dirs';

// The real server as `npm start` runs it (node dist/src/main.js, built first when stale), on one DATA_DIR for the
// whole file: each start reuses the initialised cluster, so only the first pays for initdb.
jest.setTimeout(120_000);

describe('the server process: start, refuse, crash and recover, stop', () => {
  let dataDir: string;
  beforeAll(() => {
    // What `npm start`'s prestart does: a no-op when dist/ is up to date.
    buildIfStale();
    dataDir = createTempDir('server-process');
  });
  afterAll(async () => {
    await killEverything(dataDir);
    removeTempDir(dataDir);
  });

  let first: Started;
  let firstUrl: string;

  it('prints the address it really listens on, and that address answers /health/ready', async () => {
    first = run(dataDir);
    firstUrl = await listening(first);
    // PORT=0: the kernel picked the port, so only the bound address can be right.
    expect(firstUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(firstUrl).not.toMatch(/:0$/);
    expect(await ready(firstUrl)).toBe(200);
  });

  it('refuses a second start on the same DATA_DIR with one line naming the running PID', async () => {
    const second = run(dataDir);
    expect(await second.exit).toBe(1);
    expect(second.stderr).toEqual([
      `Convene failed to start: the data folder ${dataDir} is in use by the server with PID ${first.child.pid}; stop it or choose another DATA_DIR`,
    ]);
    expect(await ready(firstUrl)).toBe(200);
  });

  it('refuses `npm run seed:demo` on the DATA_DIR of the running server, in one line', async () => {
    const seed = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'scripts', 'seed-demo.ts')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
        stdio: 'pipe',
      },
    );
    track(seed);
    let stderr = '';
    seed.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await new Promise((resolve) => seed.once('exit', resolve))).toBe(1);
    expect(stderr).toBe(
      `seed failed: the data folder ${dataDir} is in use by the server with PID ${first.child.pid}; stop it or choose another DATA_DIR\n`,
    );
  });

  it('after a kill -9, the next start stops the orphaned PostgreSQL and serves again', async () => {
    const orphan = readPostmasterPid(join(dataDir, 'postgres'));
    expect(orphan).toBeDefined();
    first.child.kill('SIGKILL');
    await first.exit;
    // The crash leaves the cluster running, unowned: that is what used to make every later start fail.
    expect(processAlive(orphan!.pid)).toBe(true);
    const again = run(dataDir);
    const url = await listening(again);
    expect(await ready(url)).toBe(200);
    expect(processAlive(orphan!.pid)).toBe(false);
    expect(again.stderr).toEqual([]);

    // SIGTERM (what `npm start` forwards, since it execs node) stops HTTP, the database and frees the folder.
    const cluster = readPostmasterPid(join(dataDir, 'postgres'))!;
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
    expect(processAlive(cluster.pid)).toBe(false);
    expect(existsSync(join(dataDir, 'convene.pid'))).toBe(false);
  });

  it('names a port in use by another process in one line', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = run(dataDir, { PORT: String(port) });
      expect(await s.exit).toBe(1);
      expect(s.stderr).toEqual([
        `Convene failed to start: port ${port} on 127.0.0.1 is in use by another process; stop it or set PORT to a free port`,
      ]);
      // The embedded database it had started is stopped again and the folder released.
      expect(readPostmasterPid(join(dataDir, 'postgres'))).toBeUndefined();
      expect(existsSync(join(dataDir, 'convene.pid'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('names a bad configuration variable in one line', async () => {
    const s = run(dataDir, { PORT: '99999' });
    expect(await s.exit).toBe(1);
    expect(s.stderr).toEqual([
      'Convene failed to start: Invalid configuration: PORT must not be greater than 65535',
    ]);
    expect(s.stdout).toEqual([]);
  });
});
