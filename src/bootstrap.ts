import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AdminBootstrapService } from './auth/admin-bootstrap.service';
import { AppConfig } from './config/app-config';
import { loadOrCreateJwtSecret } from './config/secrets';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { applyMigrations } from './database/migrate';

/** Fails fast with one clear line instead of a framework stack trace when the database cannot be reached. */
async function assertDatabaseReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const { hostname, port } = new URL(url);
    throw new Error(
      `cannot reach the database at ${hostname}:${port || 5432}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The address the HTTP server is bound to, as a URL: `http://127.0.0.1:3000`, `http://[::]:3000`. */
export function listeningUrl(address: AddressInfo | string | null): string {
  if (address === null) throw new Error('the HTTP server is not listening');
  if (typeof address === 'string') return `unix:${address}`;
  const host =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  stop(): Promise<void>;
}

/**
 * Boot order: config → database (embedded when no DATABASE_URL) → migrations → first admin → listen.
 * `stop` closes HTTP and sockets first, then the embedded database, so nothing is left running.
 */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const log = pino({
    level: config.logLevel,
    transport: config.logPretty ? { target: 'pino-pretty' } : undefined,
  });
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    log.info({ dataDir: config.dataDir }, 'no DATABASE_URL: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.dataDir, {
      log: (line) => log.debug({ postgres: line }),
      notice: (line) => log.warn({ dataDir: config.dataDir }, line),
    });
    config.databaseUrl = embedded.url;
  }
  config.jwtSecret ??= loadOrCreateJwtSecret(config.dataDir);
  let app: NestExpressApplication | undefined;
  try {
    await assertDatabaseReachable(config.requireDatabaseUrl());
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    });
    configureApp(app, config);
    const applied = await applyMigrations(app.get(MikroORM));
    if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
    await app.get(AdminBootstrapService).ensureAdmin();
    await app.listen(config.port, config.host);
    const url = listeningUrl(app.getHttpServer().address());
    let stopping: Promise<void> | undefined;
    const started = app;
    return {
      app: started,
      url,
      stop: () =>
        (stopping ??= (async () => {
          await started.close();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    // A start that failed late (e.g. the port is taken) has already started the app's workers (the job queue
    // polls the database): close them before the database goes, or their queries fail under them.
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
