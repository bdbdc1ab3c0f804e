/**
 * npm run audit:verify — walks every audit chain and names the first broken link. Exit 0 when intact, 1 when not.
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (stop the server first: one process per data dir).
 */
import 'reflect-metadata';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { verifyAuditChains } from '../src/audit/audit-verifier';
import { AppConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { buildOrmOptions } from '../src/database/orm-options';

async function main(): Promise<number> {
  const config = AppConfig.fromEnv();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const orm = await MikroORM.init(
    buildOrmOptions(config.databaseUrl ?? embedded!.url, { allowGlobalContext: true }),
  );
  try {
    const report = await verifyAuditChains(orm.em.fork() as EntityManager);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.broken) {
      process.stderr.write(
        `audit chain BROKEN in scope ${report.broken.scope} at seq ${report.broken.seq} (event ${report.broken.id}): ${report.broken.reason}\n`,
      );
      return 1;
    }
    process.stdout.write(`audit chains intact: ${report.scopes} scope(s), ${report.events} event(s)\n`);
    return 0;
  } finally {
    await orm.close(true);
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `audit verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(2);
  },
);
