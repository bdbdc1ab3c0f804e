import 'reflect-metadata';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AppConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { buildOrmOptions } from '../src/database/orm-options';

/**
 * The frame of the maintenance scripts that need only the ORM (`audit:verify`, `uploads:sweep`): DATABASE_URL, or
 * the embedded PostgreSQL under DATA_DIR (one process per data dir: stop the server first); runs `work` on a fork of
 * the EntityManager, closes everything, and exits with its code — or 2, printing `<what> failed to run: <reason>`,
 * when the script could not run at all.
 */
export function runWithOrm(
  what: string,
  work: (em: EntityManager, config: AppConfig) => Promise<number>,
): void {
  const main = async (): Promise<number> => {
    const config = AppConfig.fromEnv();
    const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
    const orm = await MikroORM.init(
      buildOrmOptions(config.databaseUrl ?? embedded!.url, { allowGlobalContext: true }),
    );
    try {
      return await work(orm.em.fork() as EntityManager, config);
    } finally {
      await orm.close(true);
      await embedded?.stop();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `${what} failed to run: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
