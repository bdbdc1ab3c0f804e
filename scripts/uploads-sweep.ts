/**
 * npm run uploads:sweep — removes expired resumable uploads (unfinished past UPLOAD_EXPIRY_HOURS, or finished and
 * never consumed for as long): bytes in the tus store (disk under DATA_DIR, or S3_BUCKET), then rows. The server does
 * the same every UPLOAD_SWEEP_INTERVAL_MINUTES; this is for deployments that turn that timer off (cron).
 * Exit 0 when every expired upload was removed, 1 when some could not be (they are retried next time).
 */
import 'reflect-metadata';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AppConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { buildOrmOptions } from '../src/database/orm-options';
import { createTusStore } from '../src/uploads/tus-store';
import { sweepExpiredUploads } from '../src/uploads/upload-sweep';

async function main(): Promise<number> {
  const config = AppConfig.fromEnv();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const orm = await MikroORM.init(
    buildOrmOptions(config.databaseUrl ?? embedded!.url, { allowGlobalContext: true }),
  );
  try {
    const report = await sweepExpiredUploads(orm.em.fork() as EntityManager, createTusStore(config));
    process.stdout.write(`uploads swept: ${report.removed} removed, ${report.failed} failed\n`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `upload sweep failed to run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
