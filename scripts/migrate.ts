/** Applies the committed migrations to DATABASE_URL (used by the test setup; `npm start` does it itself). */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions } from '../src/database/orm-options';
import { applyMigrations } from '../src/database/migrate';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const orm = await MikroORM.init(buildOrmOptions(url, { allowGlobalContext: true }));
  try {
    const applied = await applyMigrations(orm);
    process.stdout.write(`applied ${applied.length} migration(s)\n`);
  } finally {
    await orm.close(true);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
