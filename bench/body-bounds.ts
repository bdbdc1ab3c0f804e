/**
 * The worst-body scenario (issue 13, item 1): how long Convene takes to refuse each worst body, and how
 * /health/live answers while other processes keep sending worst bodies, next to the same figures for a minimal
 * Express server (the ceiling: it reads the body raw and answers without parsing it). Convene, the ceiling and
 * the attackers each run in their own process (bench/body-bounds-child.ts), so a server that stalls shows as
 * latency, not as a stalled client.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface, Interface } from 'node:readline';
import { verifyJsonShape } from '../src/common/validation/body-guard';
import { envInt, measure, Result } from './support';
import { largestLegitimateBody, postBody, worstBodies } from './worst-bodies';

interface Child {
  /** The next line the child prints on stdout, parsed as JSON. */
  next<T>(): Promise<T>;
  /** Closes the child's stdin (its signal to stop) and resolves with the lines it printed meanwhile. */
  stop(): Promise<unknown[]>;
}

function startChild(args: string[]): Child {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'body-bounds-child.ts'), ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: Interface = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : queue.push(line)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    next<T>(): Promise<T> {
      const line = queue.shift();
      if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
      return new Promise<T>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited (${code})`)));
        waiting.push((l) => resolve(JSON.parse(l) as T));
      });
    },
    async stop(): Promise<unknown[]> {
      child.stdin!.end();
      await exited;
      return queue.splice(0).map((l) => JSON.parse(l) as unknown);
    },
  };
}

interface Refusal {
  body: string;
  expectedStatus: number;
  /** Answers of Convene that were not expectedStatus (0: the connection was closed). */
  unexpectedAnswers: number;
  convene: Result;
  ceiling: Result;
  /** Convene's p50 over the ceiling's p50. */
  p50OverCeiling: number;
}

interface AttackSummary {
  sent: number;
  seconds: number;
  statuses: Record<string, number>;
}

export interface BodyBoundsResult {
  /**
   * The parser hook alone (verifyJsonShape on the raw bytes, in this process): the work a body causes before it
   * is refused. The 1.1 MB body never gets there (413 on Content-Length); its figure, like the legitimate
   * body's, is that of a full pass over a body within the shape limits.
   */
  preScan: Result[];
  refusals: Refusal[];
  healthLive: {
    idle: { convene: Result; ceiling: Result };
    underAttack: { convene: Result; ceiling: Result };
    /** Convene's /health/live p50 and p99 under attack over the same without it. */
    conveneUnderAttackOverIdle: { p50: number; p99: number };
  };
  attack: { processes: number; parallelPerProcess: number; convene: AttackSummary; ceiling: AttackSummary };
}

const div = (a: number, b: number): number => (b === 0 ? 0 : Number((a / b).toFixed(2)));

function live(url: string, label: string, iterations: number): Promise<Result> {
  return measure(`GET /health/live (${label})`, iterations, async () => {
    const res = await fetch(`${url}/health/live`);
    await res.arrayBuffer();
  });
}

/** /health/live measured while `processes` attacker processes send worst bodies to `url` without pause. */
async function underAttack(
  url: string,
  label: string,
  iterations: number,
  processes: number,
  parallel: number,
): Promise<{ latency: Result; attack: AttackSummary }> {
  const attackers = Array.from({ length: processes }, () => startChild(['attacker', url, String(parallel)]));
  await Promise.all(attackers.map((a) => a.next<{ ready: true }>()));
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the attack reach full speed
  const latency = await live(url, label, iterations);
  const summaries = (await Promise.all(attackers.map((a) => a.stop()))).flat() as AttackSummary[];
  const statuses: Record<string, number> = {};
  for (const s of summaries)
    for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    latency,
    attack: {
      sent: summaries.reduce((n, s) => n + s.sent, 0),
      seconds: Math.max(...summaries.map((s) => s.seconds)),
      statuses,
    },
  };
}

export async function runBodyBounds(databaseUrl: string): Promise<BodyBoundsResult> {
  const iterations = envInt('BENCH_BODY_ITERATIONS', 50);
  const liveIterations = envInt('BENCH_LIVE_ITERATIONS', 200);
  const processes = envInt('BENCH_ATTACKERS', 2);
  const parallel = envInt('BENCH_ATTACKER_PARALLEL', 2);
  const server = startChild(['server', databaseUrl]);
  const ceiling = startChild(['ceiling']);
  try {
    const [{ url }, { url: ceilingUrl }] = await Promise.all([
      server.next<{ url: string }>(),
      ceiling.next<{ url: string }>(),
    ]);
    const preScan: Result[] = [];
    for (const body of [...worstBodies(), largestLegitimateBody()]) {
      preScan.push(
        await measure(`verifyJsonShape: ${body.name}`, 1_000, () => {
          try {
            verifyJsonShape({} as never, {}, body.bytes, 'utf-8');
          } catch {
            // refused: the point of the measurement
          }
          return Promise.resolve();
        }),
      );
    }
    const refusals: Refusal[] = [];
    for (const body of worstBodies()) {
      let unexpectedAnswers = 0;
      const convene = await measure(`Convene refuses ${body.name}`, iterations, async () => {
        if ((await postBody(`${url}/auth/login`, body.bytes)) !== body.status) unexpectedAnswers++;
      });
      const base = await measure(`ceiling answers ${body.name}`, iterations, () =>
        postBody(`${ceilingUrl}/auth/login`, body.bytes),
      );
      refusals.push({
        body: body.name,
        expectedStatus: body.status,
        unexpectedAnswers,
        convene,
        ceiling: base,
        p50OverCeiling: div(convene.p50ms, base.p50ms),
      });
    }
    const idle = {
      convene: await live(url, 'Convene, idle', liveIterations),
      ceiling: await live(ceilingUrl, 'ceiling, idle', liveIterations),
    };
    const ours = await underAttack(url, 'Convene, under attack', liveIterations, processes, parallel);
    const base = await underAttack(ceilingUrl, 'ceiling, under attack', liveIterations, processes, parallel);
    return {
      preScan,
      refusals,
      healthLive: {
        idle,
        underAttack: { convene: ours.latency, ceiling: base.latency },
        conveneUnderAttackOverIdle: {
          p50: div(ours.latency.p50ms, idle.convene.p50ms),
          p99: div(ours.latency.p99ms, idle.convene.p99ms),
        },
      },
      attack: { processes, parallelPerProcess: parallel, convene: ours.attack, ceiling: base.attack },
    };
  } finally {
    await Promise.all([server.stop(), ceiling.stop()]);
  }
}
