/**
 * Issue 15, many connections: memory per idle socket and the 5,000-connection fan-out, on fresh server processes
 * (the app and a bare socket.io server), so neither figure carries the heap or the backlog of earlier scenarios.
 * Per target: 20 warm-up sockets, the idle RSS, then idle authenticated sockets connected in steps (1,000, 5,000)
 * with the RSS after each; then every socket joins one channel and one sender posts at 20 msg/s into it. One set
 * of 5,000 connections per target serves both figures, which keeps `npm run bench` within its time.
 */
import { connectClient } from './fanout-harness';
import { BenchProcess, rssKiBOf, startAppProcess, startPlainChild } from './processes';
import { connectReceivers, Live, OpenLoop, openLoop, Target, withReceivers } from './socket-live';
import { round } from './support';

export interface ScaleOptions {
  /** Connections at which RSS is read; the last is the fan-out run's receiver count. */
  memoryCounts: number[];
  scaleRate: number;
  scaleSeconds: number;
  receiverProcesses: number;
}

interface MemoryFigures {
  idleRssMiB: number;
  points: { connections: number; rssMiB: number; kibPerSocket: number }[];
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measureTarget(
  target: Target,
  live: Live,
  opts: ScaleOptions,
  progress: (line: string) => void,
): Promise<{ memory: MemoryFigures; scale: OpenLoop; receivers: number }> {
  const channelId = await live.newChannel(`scale ${target.name}`);
  return withReceivers(opts.receiverProcesses, async (children) => {
    // Warm-up: code paths and pools in use, then the idle figure.
    await connectReceivers(children, target, 20, null, live.users.length - 20);
    await settle(2_000);
    const idle = rssKiBOf(target.server.pid);
    const points: MemoryFigures['points'] = [];
    let connected = 0;
    for (const count of opts.memoryCounts) {
      progress(`scale: ${target.name}, ${count} idle sockets`);
      await connectReceivers(children, target, count - connected, null, 100 + connected);
      connected = count;
      await settle(3_000);
      const rss = rssKiBOf(target.server.pid);
      points.push({
        connections: count,
        rssMiB: round(rss / 1024, 1),
        kibPerSocket: round((rss - idle) / count, 1),
      });
    }
    progress(`scale: ${target.name}, all join one channel; one sender at ${opts.scaleRate}/s`);
    const joined = await Promise.all(
      children.map((c) => c.ask<number>({ join: { channelId } }, 'joined', 600_000)),
    );
    const receivers = joined.reduce((a, b) => a + b, 0);
    const sender = await connectClient(target.url, target.auth(10));
    try {
      const scale = await openLoop(
        target,
        children,
        [sender],
        channelId,
        receivers,
        opts.scaleRate,
        opts.scaleSeconds,
      );
      return { memory: { idleRssMiB: round(idle / 1024, 1), points }, scale, receivers };
    } finally {
      sender.close();
    }
  });
}

async function onFreshServer<T>(
  start: () => Promise<BenchProcess>,
  body: (server: BenchProcess) => Promise<T>,
): Promise<T> {
  const server = await start();
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

export async function runScaleAndMemory(
  databaseUrl: string,
  live: Live,
  convene: Pick<Target, 'auth'>,
  opts: ScaleOptions,
  progress: (line: string) => void,
): Promise<{ scale: Record<string, unknown>; memory: Record<string, unknown> }> {
  const bare = await onFreshServer(
    () => startPlainChild('socket-baseline.ts'),
    (server) =>
      measureTarget({ name: 'bare', server, url: server.url, auth: () => undefined }, live, opts, progress),
  );
  const ours = await onFreshServer(
    () => startAppProcess(databaseUrl),
    (server) =>
      measureTarget(
        { name: 'convene', server, url: `${server.url}/discussion`, auth: convene.auth },
        live,
        opts,
        progress,
      ),
  );
  const scale = {
    // The last memory step's sockets and the 20 warm-up ones, all joined.
    receivers: ours.receivers,
    rate: opts.scaleRate,
    seconds: opts.scaleSeconds,
    bare: bare.scale,
    convene: ours.scale,
    deliveredOverExpected: ours.scale.deliveredOverExpected,
    p99OverBareP99: round(ours.scale.deliveryP99ms / Math.max(1, bare.scale.deliveryP99ms)),
    target: 'delivered/expected = 1 and p99 < 250 ms',
    meetsTarget: ours.scale.deliveredOverExpected === 1 && ours.scale.deliveryP99ms < 250,
  };
  const memory = {
    // The Convene figures stay at the top level (the summary and earlier reports read `points`).
    ...ours.memory,
    bare: bare.memory,
    overBare: ours.memory.points.map((p, i) => ({
      connections: p.connections,
      // A garbage collection between two samples can shrink a small process: no ratio to a negative growth.
      ratio:
        bare.memory.points[i].kibPerSocket > 0
          ? round(p.kibPerSocket / bare.memory.points[i].kibPerSocket)
          : null,
    })),
    targetKibPerSocket: 40,
  };
  return { scale, memory };
}
