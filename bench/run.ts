/**
 * npm run bench — prints JSON. Each scenario is measured next to a baseline taken in the same run on the same
 * database, so the numbers say what our stack costs on top of the bare tool, whatever the machine.
 * Uses BENCH_DATABASE_URL / TEST_DATABASE_URL when set, else an embedded PostgreSQL.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AuditService } from '../src/audit/audit.service';
import { AppConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { PLATFORM_SCOPE } from '../src/audit/audit-hash';

interface Result {
  scenario: string;
  iterations: number;
  opsPerSecond: number;
  p50ms: number;
  p99ms: number;
}

async function measure(
  scenario: string,
  iterations: number,
  op: (i: number) => Promise<unknown>,
): Promise<Result> {
  for (let i = 0; i < Math.min(50, iterations); i++) await op(i); // warm-up
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  samples.sort((a, b) => a - b);
  const pick = (q: number): number =>
    Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(3));
  return {
    scenario,
    iterations,
    opsPerSecond: Math.round((iterations / totalMs) * 1000),
    p50ms: pick(0.5),
    p99ms: pick(0.99),
  };
}

function ratio(ours: Result, baseline: Result): number {
  return Number((baseline.opsPerSecond / ours.opsPerSecond).toFixed(2));
}

async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 500);
  let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let stopEmbedded = (): Promise<void> => Promise.resolve();
  const dir = mkdtempSync(join(tmpdir(), 'convene-bench-'));
  if (!serverUrl) {
    const db = await startEmbeddedPostgres(dir, { persistent: false });
    serverUrl = db.url;
    stopEmbedded = () => db.stop();
  }
  const dbName = `convene_bench_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.query(`create database "${dbName}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '../scripts/migrate.ts')],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    },
  );

  const config = AppConfig.fromEnv(
    {},
    {
      databaseUrl,
      jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
      logLevel: 'silent',
      logPretty: false,
    },
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const raw = new Client({ connectionString: databaseUrl });
  await raw.connect();
  for (let i = 0; i < 100; i++) {
    await raw.query(
      "insert into organization (id, created_at, updated_at, name, kind, country) values (gen_random_uuid(), now(), now(), $1, 'civil_society', 'BR')",
      [`Bench Org ${String(i).padStart(3, '0')}`],
    );
  }
  const heapBefore = process.memoryUsage().heapUsed;

  const rawList = await measure('raw pg: select 50 organisations', iterations, () =>
    raw.query('select * from organization order by name, id limit 51'),
  );
  const httpList = await measure('GET /organizations?limit=50 (HTTP, ORM, DTOs)', iterations, async () => {
    const res = await fetch(`${base}/organizations?limit=50`);
    await res.arrayBuffer();
  });

  let rawSeq = 0;
  const rawInsert = await measure('raw pg: insert one row in a transaction', iterations, async () => {
    await raw.query('begin');
    await raw.query(
      "insert into audit_event (scope, seq, action, entity_type, entity_id, occurred_at, hash) values ('bench-raw', $1, 'x', 'X', 'x', now(), 'h')",
      [++rawSeq],
    );
    await raw.query('commit');
  });
  const orm = app.get(MikroORM);
  const audit = app.get(AuditService);
  const chained = await measure(
    'AuditService.record: locked, hash-chained append in a transaction',
    iterations,
    (i) =>
      (orm.em.fork() as EntityManager).transactional((em) =>
        audit.record(
          em,
          { user: null, requestId: `bench-${i}` },
          {
            scope: PLATFORM_SCOPE,
            action: 'bench.event',
            entityType: 'Bench',
            entityId: String(i),
            after: { i },
          },
        ),
      ),
  );
  const heapAfter = process.memoryUsage().heapUsed;

  process.stdout.write(
    `${JSON.stringify(
      {
        node: process.version,
        iterations,
        results: [rawList, httpList, rawInsert, chained],
        comparisons: {
          httpListCostVsRawSelect: ratio(httpList, rawList),
          chainedAuditCostVsRawInsert: ratio(chained, rawInsert),
        },
        memory: {
          heapGrowthMiB: Number(((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)),
          rssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024),
        },
      },
      null,
      2,
    )}\n`,
  );

  await raw.end();
  await app.close();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  await stopEmbedded();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
