import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { join } from 'node:path';
import { ENTITIES } from './entities';
import { knexLog, ParameterFreeLogger } from './orm-logger';

const runningTypeScript = (): boolean =>
  Boolean(process.env.JEST_WORKER_ID) ||
  Boolean((process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')]) ||
  __filename.endsWith('.ts');

const projectRoot = join(__dirname, __filename.endsWith('.ts') ? '../..' : '../../..');

export function buildOrmOptions(databaseUrl: string, extra: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    forceUtcTimezone: true,
    preferTs: runningTypeScript(),
    pool: { min: 0, max: 10 },
    // Requests get a fork from the request context; anything else must ask for its own context explicitly.
    allowGlobalContext: false,
    debug: false,
    loggerFactory: (options) => new ParameterFreeLogger(options),
    driverOptions: { log: knexLog },
    migrations: {
      path: join(projectRoot, 'dist/migrations'),
      pathTs: join(projectRoot, 'migrations'),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      allOrNothing: true,
      snapshot: true,
      snapshotName: '.snapshot-convene',
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    ...extra,
  };
}
