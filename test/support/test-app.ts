import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfig, AppConfigValues } from '../../src/config/app-config';
import { createDatabaseFromTemplate, dropDatabase } from './database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: TestAgent;
  /** Base URL of the listening server (for socket.io clients). */
  url: string;
  databaseUrl: string;
  orm: MikroORM;
  /** A fresh EntityManager for direct checks of what was stored. */
  em(): EntityManager;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/**
 * The real application (same modules, pipes, filters) on its own freshly cloned, migrated database, listening
 * on an ephemeral port. Tests may override configuration, e.g. tighter rate limits, and read the log through
 * `logStream` (with a `logLevel` override, since tests log nothing by default).
 */
export async function createTestApp(
  overrides: Partial<AppConfigValues> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const serverUrl = process.env.CONVENE_TEST_SERVER_URL;
  const template = process.env.CONVENE_TEST_TEMPLATE;
  if (!serverUrl || !template)
    throw new Error('test database not prepared: run tests through jest (globalSetup)');
  // Reusing another test app's database (two instances of one deployment) leaves dropping it to that app.
  const ownsDatabase = overrides.databaseUrl === undefined;
  const databaseUrl = overrides.databaseUrl ?? (await createDatabaseFromTemplate(serverUrl, template));
  const config = AppConfig.fromEnv(
    {},
    {
      databaseUrl,
      jwtSecret: TEST_JWT_SECRET,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      logPretty: false,
      loginLimitPerIp: 100_000,
      loginLimitPerAccount: 100_000,
      // Every test registers its users from 127.0.0.1, and suites open many sockets per user; the limit tests
      // set small values of their own.
      registerLimitPerIp: 100_000,
      socketUserRatePerSecond: 100_000,
      socketUserRateBurst: 100_000,
      socketUserJoinsPerMinute: 100_000,
      socketUserReadsPerMinute: 100_000,
      socketMaxConnectionsPerUser: 1_000,
      dbPoolMax: 20,
      // Suites that test expiry call UploadsService.sweep themselves.
      uploadSweepIntervalMinutes: 0,
      // No job queue unless a suite asks for one (notification delivery suites); the others run tasks directly.
      notificationWorkers: false,
      ...overrides,
    },
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.logStream), {
    bodyParser: false,
    logger: process.env.TEST_LOG_LEVEL ? undefined : false,
    abortOnError: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const orm = app.get(MikroORM);
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    url,
    databaseUrl,
    orm,
    em: () => orm.em.fork() as EntityManager,
    async close() {
      await app.close();
      if (ownsDatabase) await dropDatabase(serverUrl, new URL(databaseUrl).pathname.slice(1));
    },
  };
}
