/**
 * npm run bench — prints ONE JSON document on stdout and a summary table on stderr. Every server runs in a
 * process of its own next to its baseline from the same run: the app's production build (dist/src/main.js)
 * against a bare socket.io server (fan-out), raw `pg` commits with the same seq scheme (commit path) and a
 * minimal Express + `pg` handler with the same SQL and session check (HTTP). The load generators report their
 * own CPU so a saturated harness shows. Uses BENCH_DATABASE_URL / TEST_DATABASE_URL when set, else an embedded
 * PostgreSQL. BENCH_QUICK=1: a smoke run of about 2 minutes. BENCH_BODY_BOUNDS=1 adds issue 13's worst-body
 * scenario (2–4 minutes more). See docs/performance.md.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { runBodyBounds } from './body-bounds';
import { httpListsOptionsFromEnv, HttpListsResult, runHttpLists } from './http-lists';
import { ensureBuild } from './processes';
import { runSocketScenarios, socketOptionsFromEnv } from './socket-scenarios';
import { createBenchDatabase, envInt } from './support';
import { runUploadMemory, UploadMemoryResult } from './upload-memory';

const loadAverage = (): number[] => loadavg().map((n) => Number(n.toFixed(2)));

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const started = Date.now();
  const loadBefore = loadAverage();
  process.stderr.write(`[bench] building dist/ if stale${quick ? ' (BENCH_QUICK=1)' : ''}\n`);
  ensureBuild();
  const database = await createBenchDatabase();
  try {
    const httpLists = await runHttpLists(database.url, httpListsOptionsFromEnv(quick));
    const live = await runSocketScenarios(database.url, socketOptionsFromEnv(quick));
    process.stderr.write('[bench] upload memory\n');
    const uploadMemory = await runUploadMemory(database.url, envInt('BENCH_UPLOAD_MB', quick ? 50 : 200));
    const bodyBounds = process.env.BENCH_BODY_BOUNDS === '1' ? await runBodyBounds(database.url) : undefined;
    const report = {
      node: process.version,
      machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadAverage() },
      quick,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      httpLists,
      live,
      uploadMemory,
      ...(bodyBounds ? { bodyBounds } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(
      summary(httpLists, live as unknown as Live, uploadMemory, report.machine, report.durationSeconds),
    );
  } finally {
    await database.drop();
  }
}

interface Live {
  commit: {
    scenario: string;
    convene: { sendsPerSecond: number };
    rawPg: { sendsPerSecond: number };
    ratio: number;
  }[];
  fanout: {
    receivers: number;
    rate: number;
    convene: { deliveredOverExpected: number; deliveryP99ms: number };
    bare: { deliveredOverExpected: number; deliveryP99ms: number };
    p99OverBareP99: number;
  };
  scale: {
    receivers: number;
    rate: number;
    convene: { deliveredOverExpected: number; deliveryP99ms: number };
    bare: { deliveredOverExpected: number; deliveryP99ms: number };
    p99OverBareP99: number;
    meetsTarget: boolean;
  };
  maxRate: {
    receivers: number;
    convene: { sustainedRate: number };
    bare: { sustainedRate: number };
    ratio: number;
  };
  memory: {
    points: { connections: number; kibPerSocket: number; rssMiB: number }[];
    bare: { points: { connections: number; kibPerSocket: number }[] };
    overBare: { connections: number; ratio: number | null }[];
  };
}

function summary(
  http: HttpListsResult,
  live: Live,
  upload: UploadMemoryResult,
  machine: { loadAverageBefore: number[]; loadAverageAfter: number[] },
  seconds: number,
): string {
  const rows: string[][] = [['scenario', 'convene', 'baseline', 'ratio']];
  for (const stage of http.stages) {
    for (const r of stage.routes) {
      rows.push([
        `GET ${r.route} @${stage.messages} msgs (req/s, p99)`,
        `${r.convene.requestsPerSecond} / ${r.convene.p99ms} ms`,
        `${r.ceiling.requestsPerSecond} / ${r.ceiling.p99ms} ms (express+pg)`,
        String(r.ratio),
      ]);
    }
    rows.push([
      `  unread query @${stage.messages}`,
      `${stage.unreadPlan.executionMs} ms, ${stage.unreadPlan.messageRowsRead} message rows`,
      stage.unreadPlan.seqScanOnMessage ? 'SEQ SCAN' : 'index only',
      '',
    ]);
  }
  for (const [route, growth] of Object.entries(http.p99GrowthLargeOverSmall)) {
    rows.push([`  p99 growth ${route}`, String(growth), '≤ 1.5', '']);
  }
  for (const c of live.commit) {
    rows.push([
      `commit ${c.scenario} (sends/s)`,
      String(c.convene.sendsPerSecond),
      `${c.rawPg.sendsPerSecond} (raw pg)`,
      String(c.ratio),
    ]);
  }
  const f = live.fanout;
  rows.push([
    `fan-out ${f.receivers} × ${f.rate}/s (delivered, p99)`,
    `${f.convene.deliveredOverExpected} / ${f.convene.deliveryP99ms} ms`,
    `${f.bare.deliveredOverExpected} / ${f.bare.deliveryP99ms} ms (bare)`,
    String(f.p99OverBareP99),
  ]);
  const sc = live.scale;
  rows.push([
    `${sc.receivers} connections × ${sc.rate}/s (delivered, p99)`,
    `${sc.convene.deliveredOverExpected} / ${sc.convene.deliveryP99ms} ms`,
    `${sc.bare.deliveredOverExpected} / ${sc.bare.deliveryP99ms} ms (bare)`,
    `${sc.p99OverBareP99} (p99 < 250 ms ${sc.meetsTarget ? 'met' : 'not met'})`,
  ]);
  const m = live.maxRate;
  rows.push([
    `max rate, ${m.receivers} receivers (msg/s)`,
    String(m.convene.sustainedRate),
    `${m.bare.sustainedRate} (bare)`,
    String(m.ratio),
  ]);
  live.memory.points.forEach((p, i) => {
    const ratio = live.memory.overBare[i].ratio;
    rows.push([
      `RSS per idle socket @${p.connections} (target ≤ 40 KiB)`,
      `${p.kibPerSocket} KiB (${p.rssMiB} MiB)`,
      `${live.memory.bare.points[i].kibPerSocket} KiB (bare)`,
      ratio === null ? 'n/a (bare RSS fell)' : String(ratio),
    ]);
  });
  rows.push([
    `RSS growth, ${upload.megabytes} MB upload`,
    `${upload.convene.rssGrowthMiB} MiB (${upload.convene.status}, ${upload.convene.seconds} s)`,
    `${upload.ceiling.rssGrowthMiB} MiB (node http → file, ${upload.ceiling.seconds} s)`,
    String(upload.growthOverCeiling),
  ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  return `\n${lines.join('\n')}\nload average before ${machine.loadAverageBefore.join(' ')}, after ${machine.loadAverageAfter.join(' ')}; ${seconds} s\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
