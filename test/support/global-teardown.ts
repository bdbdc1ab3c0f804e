import { Client } from 'pg';
import { withDatabase } from './database';
import { removeTempDir, sweepLeftoverTempDirs } from './temp-dirs';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.CONVENE_TEST_SERVER_URL;
  const template = process.env.CONVENE_TEST_TEMPLATE;
  if (serverUrl && template) {
    const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await client.connect();
    // Test files drop their own databases; this catches any left by a crashed worker.
    const leftovers = await client.query<{ datname: string }>(
      'select datname from pg_database where datname = $1 or starts_with(datname, $2) order by datname desc',
      [template, `${template}_`],
    );
    for (const { datname } of leftovers.rows) {
      await client.query(`drop database if exists "${datname}" with (force)`);
    }
    await client.end();
  }
  const embedded = (globalThis as Record<string, unknown>).__conveneEmbedded as
    { stop(): Promise<void> } | undefined;
  await embedded?.stop();
  const dir = (globalThis as Record<string, unknown>).__conveneTempDir as string | undefined;
  if (dir) removeTempDir(dir);
  const swept = sweepLeftoverTempDirs();
  if (swept.length > 0)
    process.stderr.write(`removed ${swept.length} leftover test folder(s): ${swept.join(', ')}\n`);
}
