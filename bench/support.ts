/**
 * Shared pieces of `npm run bench`: the timing loop, percentiles, a throwaway migrated database and the real
 * application listening on an ephemeral port.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AppConfig, AppConfigValues } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

export interface Result {
  scenario: string;
  iterations: number;
  opsPerSecond: number;
  p50ms: number;
  p99ms: number;
}

/** `n` rounded to `digits` decimals, as a number (for the JSON report). */
export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

/** The q-quantile (0..1) of samples (sorted in place), rounded to the microsecond; 0 when there are none. */
export function percentile(samples: number[], q: number): number {
  if (samples.length === 0) return 0;
  samples.sort((a, b) => a - b);
  return round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))], 3);
}

/** Runs `op` one call at a time after a short warm-up; throughput over the whole loop, latency per call. */
export async function measure(
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
  return {
    scenario,
    iterations,
    opsPerSecond: Math.round((iterations / totalMs) * 1000),
    p50ms: percentile(samples, 0.5),
    p99ms: percentile(samples, 0.99),
  };
}

/** How many times slower `ours` is than `baseline` (baseline ops/s divided by ours). */
export function ratio(ours: Result, baseline: Result): number {
  return Number((baseline.opsPerSecond / ours.opsPerSecond).toFixed(2));
}

/** Wall clock in ms with sub-ms precision, comparable between processes of one machine. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const mib = (bytes: number): number => Number((bytes / 1024 / 1024).toFixed(1));

/**
 * heapUsed after a full garbage collection when node runs with --expose-gc (as `npm run bench` does), so that
 * deltas show retained memory rather than where the collector happened to be; the raw figure otherwise.
 */
export function settledHeapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export const rssMiB = (): number => Math.round(mib(process.memoryUsage().rss));

/** A positive integer from the environment (BENCH_*), or the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

export interface BenchDatabase {
  /** URL of the freshly migrated bench database. */
  url: string;
  /** Drops the database and stops the embedded PostgreSQL when one was started. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database named after this process on BENCH_DATABASE_URL / TEST_DATABASE_URL, or on an
 * embedded PostgreSQL started for the run when neither is set.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let stopEmbedded = (): Promise<void> => Promise.resolve();
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'convene-bench-'));
    const db = await startEmbeddedPostgres(dir, { persistent: false });
    serverUrl = db.url;
    stopEmbedded = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
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
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' },
  );
  return {
    url: databaseUrl,
    async drop() {
      await admin.query(`drop database if exists "${dbName}" with (force)`);
      await admin.end();
      await stopEmbedded();
    },
  };
}

export interface BenchApp {
  app: NestExpressApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
}

/** The real application (AppModule + configureApp, no Redis) on an ephemeral port. */
export async function startBenchApp(
  databaseUrl: string,
  overrides: Partial<AppConfigValues> = {},
): Promise<BenchApp> {
  const config = AppConfig.fromEnv(
    {},
    {
      databaseUrl,
      jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
      logLevel: 'silent',
      logPretty: false,
      ...overrides,
    },
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
