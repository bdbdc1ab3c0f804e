/**
 * Runs a command with DATABASE_URL set: the configured one, or a throwaway embedded PostgreSQL (for
 * `migration:check` and `migration:create` on a machine with no database server).
 *   ts-node scripts/with-database.ts mikro-orm migration:check
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: with-database <command> [args...]');
  let stop = (): Promise<void> => Promise.resolve();
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'convene-db-'));
    const db = await startEmbeddedPostgres(dir, { persistent: false });
    process.env.DATABASE_URL = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(command, args, { stdio: 'inherit', shell: false, env: process.env });
      child.on('exit', (code) => resolve(code ?? 1));
      child.on('error', () => resolve(127));
    });
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
