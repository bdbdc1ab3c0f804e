/**
 * `npm run seed:demo`: loads the demo data set (OGP-style thematic working groups, their anchor organisations,
 * a few members, past and upcoming sessions, general-channel messages) through the application's own services,
 * so every change is audited like an API call. Idempotent: organisations are matched by name, users by email,
 * groups by slug, meetings by (group, title), messages by clientMessageId. DATABASE_URL if set, else the
 * embedded PostgreSQL under DATA_DIR (default ./.data). Migrations are applied first.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { AppConfig, ConfigError } from '../src/config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { StartupError } from '../src/database/startup-error';
import { applyMigrations } from '../src/database/migrate';
import { DEMO_PASSWORD, DemoLogin, seedDemo } from './demo/seed';
import { describeSeed } from './demo/summary';

function printLogins(logins: DemoLogin[]): void {
  const rows = [
    ['email', 'platform role', 'anchors', 'organisation'],
    ...logins.map((l) => [l.email, l.platformRole, l.anchors, l.organization]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\nDemo logins (password for all: ${DEMO_PASSWORD})\n\n`);
  process.stdout.write(`${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows.slice(1)) process.stdout.write(`${line(row)}\n`);
}

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    config.databaseUrl = embedded.url;
  }
  // The seed signs no tokens; any secret satisfies the auth module.
  config.jwtSecret ??= randomBytes(32).toString('hex');
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn'],
    });
    try {
      const orm = app.get(MikroORM);
      await applyMigrations(orm);
      const result = await seedDemo(app);
      printLogins(result.logins);
      process.stdout.write(`\n${await describeSeed(orm.em.fork() as EntityManager, result)}\n`);
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // A refused start (data folder in use, configuration) is one line; anything else is a bug worth its stack.
    const known = error instanceof StartupError || error instanceof ConfigError;
    process.stderr.write(
      `seed failed: ${error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error)}\n`,
    );
    process.exit(1);
  });
}
