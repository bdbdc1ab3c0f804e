#!/usr/bin/env node
/**
 * `npm start`'s prestart: runs `nest build` only when dist/ is missing or older than its inputs, so a warm start
 * skips the 10-30 s compile. Plain JavaScript (no ts-node) because it runs on every start and must be quick.
 *
 * dist/.build-stamp carries the time the last successful build STARTED: a file saved during that build is newer
 * than the stamp and triggers the next one. Folders count too (their mtime changes when a file is added, removed
 * or renamed, which no remaining file's mtime would show). `--check` only prints whether a build is needed;
 * `--force` (`npm run build`) always builds, and stamps, so a start right after it does not build again.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const STAMP = join(root, 'dist', '.build-stamp');
const INPUT_DIRS = ['src', 'scripts', 'migrations'];
const INPUT_FILES = ['nest-cli.json', 'package-lock.json'];

/** Newest mtime (ms) of a folder and everything below it, and the path that has it. */
function newest(path, best = { mtimeMs: 0, path: '' }) {
  const stat = statSync(path);
  if (stat.mtimeMs > best.mtimeMs) best = { mtimeMs: stat.mtimeMs, path };
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) best = newest(join(path, entry), best);
  }
  return best;
}

function inputs() {
  const tsconfigs = readdirSync(root).filter((f) => /^tsconfig.*\.json$/.test(f));
  return [...INPUT_DIRS, ...INPUT_FILES, ...tsconfigs].map((p) => join(root, p)).filter((p) => existsSync(p));
}

/** Why a build is needed, or undefined when dist/ is up to date. */
function staleReason() {
  if (!existsSync(STAMP) || !existsSync(join(root, 'dist', 'src', 'main.js'))) return 'no previous build';
  const built = statSync(STAMP).mtimeMs;
  let best = { mtimeMs: 0, path: '' };
  for (const input of inputs()) best = newest(input, best);
  return best.mtimeMs > built ? `${best.path.slice(root.length + 1)} changed` : undefined;
}

function main() {
  const reason = process.argv.includes('--force') ? 'npm run build' : staleReason();
  if (process.argv.includes('--check')) {
    process.stdout.write(reason ? `build needed: ${reason}\n` : 'dist/ is up to date\n');
    return 0;
  }
  if (!reason) {
    process.stdout.write('dist/ is up to date: not rebuilding\n');
    return 0;
  }
  process.stdout.write(`building (${reason})\n`);
  const startedAt = new Date();
  const nest = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'nest.cmd' : 'nest');
  const result = spawnSync(nest, ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  writeFileSync(STAMP, `${startedAt.toISOString()}\n`);
  utimesSync(STAMP, startedAt, startedAt);
  return 0;
}

process.exit(main());
