import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { adminQuery, uniqueName, withDatabase } from './database';
import { createTempDir } from './temp-dirs';

/**
 * Starts the test database server (TEST_DATABASE_URL when set, else an embedded PostgreSQL owned by this run),
 * creates one template database with the committed migrations applied, and hands both to the workers via env.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = createTempDir('db');
    const embedded = await startEmbeddedPostgres(dir, { persistent: false });
    (globalThis as Record<string, unknown>).__conveneEmbedded = embedded;
    // The teardown removes it (the embedded stop removes only the cluster, not the folder around it).
    (globalThis as Record<string, unknown>).__conveneTempDir = dir;
    serverUrl = embedded.url;
  }
  const template = uniqueName('convene_tpl');
  await adminQuery(serverUrl, `create database "${template}"`);
  // In a child process: entity metadata must not be registered in jest's parent realm.
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../scripts/migrate.ts')],
    {
      env: { ...process.env, DATABASE_URL: withDatabase(serverUrl, template) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  process.env.CONVENE_TEST_SERVER_URL = serverUrl;
  process.env.CONVENE_TEST_TEMPLATE = template;
}
