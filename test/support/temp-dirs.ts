import { mkdtempSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** Every temporary folder a test run creates starts with this, so leftovers are recognisable. */
export const TEMP_PREFIX = 'convene-test-';

/** A fresh folder under the OS temp dir (`convene-test-<label>XXXXXX`); remove it with removeTempDir. */
export function createTempDir(label = '', root = tmpdir()): string {
  return mkdtempSync(join(root, `${TEMP_PREFIX}${label ? `${label}-` : ''}`));
}

/** Removes a folder made by createTempDir, contents and all; refuses anything else, so a bad path deletes nothing. */
export function removeTempDir(dir: string, root = tmpdir()): void {
  const path = resolve(dir);
  if (dirname(path) !== resolve(root) || !basename(path).startsWith(TEMP_PREFIX)) {
    throw new Error(`not a test temp folder: ${dir}`);
  }
  rmSync(path, { recursive: true, force: true });
}

/** What a finished run's database folder still holds after its cluster was removed (runs before this cleanup). */
const SPENT_FILES = new Set(['postgres-credentials.json']);

/**
 * Removes `convene-test-*` folders older than `olderThanMs` that are empty or hold only the credentials of a
 * cluster already removed (left by runs that crashed or predate the cleanup). Nothing else: the OS temp dir is
 * shared, and a concurrent run's folder in use holds its cluster (and its mtime moves when that is created).
 * Returns what it removed.
 */
export function sweepLeftoverTempDirs(root = tmpdir(), olderThanMs = 10 * 60_000): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(root, name);
    try {
      const stat = statSync(path);
      if (!stat.isDirectory() || Date.now() - stat.mtimeMs < olderThanMs) continue;
      const entries = readdirSync(path);
      if (!entries.every((entry) => SPENT_FILES.has(entry))) continue;
      for (const entry of entries) rmSync(join(path, entry), { force: true });
      rmdirSync(path); // fails (and is skipped) if something appeared meanwhile
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
