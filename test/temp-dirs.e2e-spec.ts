import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempDir, removeTempDir, sweepLeftoverTempDirs, TEMP_PREFIX } from './support/temp-dirs';

// The helpers the jest global setup and teardown use so that a run leaves no convene-test-* folder behind.
describe('test temp folders', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'temp-dirs-spec-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const aged = (path: string): string => {
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path, past, past);
    return path;
  };

  it('creates a prefixed folder and removes it with its contents', () => {
    const dir = createTempDir('db', root);
    expect(dir.startsWith(join(root, `${TEMP_PREFIX}db-`))).toBe(true);
    mkdirSync(join(dir, 'postgres'));
    writeFileSync(join(dir, 'postgres-credentials.json'), '{}');
    removeTempDir(dir, root);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses to remove a folder it did not make', () => {
    const other = join(root, 'precious');
    mkdirSync(other);
    expect(() => removeTempDir(other, root)).toThrow('not a test temp folder');
    expect(() => removeTempDir(join(root, 'x', `${TEMP_PREFIX}nested`), root)).toThrow();
    expect(existsSync(other)).toBe(true);
  });

  it("sweeps old leftovers (empty, or only a removed cluster's credentials), keeps fresh, in-use and unrelated ones", () => {
    const oldEmpty = aged(createTempDir('', root));
    const oldSpent = createTempDir('', root);
    writeFileSync(join(oldSpent, 'postgres-credentials.json'), '{}');
    aged(oldSpent);
    const freshEmpty = createTempDir('', root);
    const oldFull = createTempDir('', root);
    writeFileSync(join(oldFull, 'postgres-credentials.json'), '{}');
    mkdirSync(join(oldFull, 'postgres'));
    aged(oldFull);
    const unrelated = aged(mkdtempSync(join(root, 'someone-else-')));
    expect(sweepLeftoverTempDirs(root).sort()).toEqual([oldEmpty, oldSpent].sort());
    expect(existsSync(oldEmpty) || existsSync(oldSpent)).toBe(false);
    for (const kept of [freshEmpty, oldFull, unrelated]) expect(existsSync(kept)).toBe(true);
  });
});
