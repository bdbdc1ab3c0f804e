/**
 * Issue 15, HTTP lists: autocannon (10 connections, in this process) against the application's production
 * build in its own process and against the Express + `pg` ceiling (bench/http-ceiling.ts) in another, on
 * `GET /working-groups`, `GET /channels/:id/messages` and `GET /me/unread`, first with 10k messages, then after
 * growing the same data set to 1M. Next to each figure: the ceiling's, the ratio, and the CPU seconds the server
 * and the load generator spent; per stage, the plan of the unread query (does it touch the whole table?).
 */
import autocannon from 'autocannon';
import { Client } from 'pg';
import { unreadCountsSql } from '../src/discussion/discussion.queries';
import { GROUPS, growMessages, HttpDataset, loadHttpDataset, USERS } from './http-dataset';
import { BenchProcess, cpuSecondsOf, ownCpuSeconds, startAppProcess, startBenchChild } from './processes';
import { round } from './support';

export interface HttpListsOptions {
  /** Seconds per measured autocannon run. */
  duration: number;
  connections: number;
  /** Message counts of the two stages. */
  stages: [number, number];
}

export function httpListsOptionsFromEnv(quick: boolean): HttpListsOptions {
  return {
    duration: Number(process.env.BENCH_HTTP_SECONDS ?? (quick ? 2 : 8)),
    connections: 10,
    stages: [10_000, Number(process.env.BENCH_MESSAGES ?? (quick ? 50_000 : 1_000_000))],
  };
}

export interface LoadFigure {
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
  /** CPU seconds per second of the server process (1.0 = one core busy). */
  serverCores: number;
  /** The same for the load generator (this process). */
  harnessCores: number;
}

export interface RouteFigures {
  route: string;
  convene: LoadFigure;
  ceiling: LoadFigure;
  /** Convene requests/s over the ceiling's (target ≥ 0.5). */
  ratio: number;
}

export interface HttpListsResult {
  dataset: { groups: number; users: number; channels: number };
  options: HttpListsOptions;
  stages: { messages: number; routes: RouteFigures[]; unreadPlan: UnreadPlan }[];
  /** Per route: Convene p99 at the large stage over its p99 at the small one (target ≤ 1.5). */
  p99GrowthLargeOverSmall: Record<string, number>;
}

export interface UnreadPlan {
  executionMs: number;
  /** Rows the plan read from `message` and its indexes (actual rows summed over message scans). */
  messageRowsRead: number;
  seqScanOnMessage: boolean;
}

async function load(
  target: BenchProcess,
  path: string,
  token: string,
  opts: HttpListsOptions,
): Promise<LoadFigure> {
  const run = (duration: number): ReturnType<typeof autocannon> =>
    autocannon({
      url: `${target.url}${path}`,
      connections: opts.connections,
      duration,
      headers: { authorization: `Bearer ${token}` },
    });
  await run(1); // warm-up: JIT, pools, plans
  const cpu0 = cpuSecondsOf(target.pid);
  const own0 = ownCpuSeconds();
  const t0 = process.hrtime.bigint();
  const result = await run(opts.duration);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    requestsPerSecond: round(result.requests.average, 1),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    serverCores: round((cpuSecondsOf(target.pid) - cpu0) / seconds),
    harnessCores: round((ownCpuSeconds() - own0) / seconds),
  };
}

/** EXPLAIN ANALYZE of the very statement `GET /me/unread` runs for the caller. */
async function explainUnread(db: Client, callerId: string): Promise<UnreadPlan> {
  const query = unreadCountsSql(callerId, false);
  let n = 0;
  const text = query.sql.replace(/\?/g, () => `$${++n}`);
  const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(
    `explain (analyze, format json) ${text}`,
    query.params,
  );
  const [plan] = rows[0]['QUERY PLAN'] as { 'Execution Time': number; Plan: PlanNode }[];
  let messageRowsRead = 0;
  let seqScanOnMessage = false;
  const walk = (node: PlanNode): void => {
    if (node['Relation Name'] === 'message' || (node['Index Name'] ?? '').startsWith('message_')) {
      messageRowsRead += (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
      if (node['Node Type'] === 'Seq Scan') seqScanOnMessage = true;
    }
    node.Plans?.forEach(walk);
  };
  walk(plan.Plan);
  return { executionMs: round(plan['Execution Time']), messageRowsRead, seqScanOnMessage };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

export async function runHttpLists(databaseUrl: string, opts: HttpListsOptions): Promise<HttpListsResult> {
  const progress = (line: string): boolean => process.stderr.write(`[bench] http lists: ${line}\n`);
  progress(`loading ${GROUPS} groups, ${USERS} users, ${opts.stages[0]} messages`);
  const dataset: HttpDataset = await loadHttpDataset(databaseUrl, opts.stages[0]);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const app = await startAppProcess(databaseUrl);
  const ceiling = await startBenchChild('http-ceiling.ts', { DATABASE_URL: databaseUrl });
  try {
    const routes = ['/working-groups', `/channels/${dataset.channelId}/messages`, '/me/unread'];
    const stages: HttpListsResult['stages'] = [];
    for (const [index, messages] of opts.stages.entries()) {
      if (index > 0) {
        progress(`growing to ${messages} messages (generate_series)`);
        await growMessages(db, messages);
      }
      const figures: RouteFigures[] = [];
      for (const route of routes) {
        progress(`${messages} messages, ${route}`);
        const convene = await load(app, route, dataset.token, opts);
        const baseline = await load(ceiling, route, dataset.token, opts);
        figures.push({
          route: route.replace(dataset.channelId, ':id'),
          convene,
          ceiling: baseline,
          ratio: round(convene.requestsPerSecond / baseline.requestsPerSecond),
        });
      }
      const [{ n }] = (await db.query<{ n: string }>('select count(*) as n from message')).rows;
      stages.push({
        messages: Number(n),
        routes: figures,
        unreadPlan: await explainUnread(db, dataset.callerId),
      });
    }
    const [{ channels }] = (await db.query<{ channels: string }>('select count(*) as channels from channel'))
      .rows;
    const p99GrowthLargeOverSmall: Record<string, number> = {};
    for (const [i, r] of stages[0].routes.entries()) {
      p99GrowthLargeOverSmall[r.route] = round(
        stages[1].routes[i].convene.p99ms / Math.max(r.convene.p99ms, 1),
      );
    }
    return {
      dataset: { groups: GROUPS, users: USERS, channels: Number(channels) },
      options: opts,
      stages,
      p99GrowthLargeOverSmall,
    };
  } finally {
    await Promise.all([app.stop(), ceiling.stop()]);
    await db.end();
  }
}
