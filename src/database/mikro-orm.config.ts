import { buildOrmOptions } from './orm-options';

/** Used by the mikro-orm CLI (migration:create, migration:check); run it through scripts/with-database. */
export default buildOrmOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/convene');
