/**
 * Issue 15, live path: every server in a process of its own (the app's production build, a bare socket.io
 * server, raw `pg` commits), receivers spread over child processes, senders in this process. Scenarios:
 *   commit   closed loop (each sender awaits its ack): 1 hot channel × 4 senders, 8 channels × 2 senders; vs raw
 *   fanout   1,000 receivers, one sender at 20 msg/s for 10 s: delivered/expected and delivery p99; vs bare
 *   scale    the same with 5,000 receivers: p99 < 250 ms, nothing lost; vs bare
 *   maxRate  100 receivers, rate stepped up until delivered/expected < 1 or p99 > 250 ms; vs bare
 *   memory   app RSS per idle authenticated socket at 1,000 and 5,000 connections
 * Delivery latency = wall clock at the receiver minus the sender's wall clock carried in the body (one machine).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { signedSessions } from './bench-sessions';
import { connectClient, emitOk, WireMessage } from './fanout-harness';
import {
  BenchProcess,
  cpuSecondsOf,
  forkBenchChild,
  IpcChild,
  ownCpuSeconds,
  rssKiBOf,
  startAppProcess,
  startBenchChild,
} from './processes';
import { percentile, wallMs } from './support';

export interface SocketOptions {
  commitSeconds: number;
  fanoutReceivers: number;
  fanoutRate: number;
  fanoutSeconds: number;
  /** Issue 15's "5,000-connection run at 20 msg/s with p99 < 250 ms" (quick: 500 connections). */
  scaleReceivers: number;
  scaleRate: number;
  scaleSeconds: number;
  maxRateReceivers: number;
  maxRateSteps: number[];
  maxRateStepSeconds: number;
  memoryCounts: number[];
  receiverProcesses: number;
}

export function socketOptionsFromEnv(quick: boolean): SocketOptions {
  return quick
    ? {
        commitSeconds: 2,
        fanoutReceivers: 200,
        fanoutRate: 20,
        fanoutSeconds: 2,
        scaleReceivers: 500,
        scaleRate: 20,
        scaleSeconds: 2,
        maxRateReceivers: 100,
        maxRateSteps: [50, 200, 800],
        maxRateStepSeconds: 1.5,
        memoryCounts: [200, 500],
        receiverProcesses: 2,
      }
    : {
        commitSeconds: 10,
        fanoutReceivers: 1_000,
        fanoutRate: 20,
        fanoutSeconds: 10,
        scaleReceivers: 5_000,
        scaleRate: 20,
        scaleSeconds: 10,
        maxRateReceivers: 100,
        maxRateSteps: [25, 50, 100, 200, 400, 800, 1_600, 3_200],
        maxRateStepSeconds: 3,
        memoryCounts: [1_000, 5_000],
        receiverProcesses: 4,
      };
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

interface Live {
  groupId: string;
  users: { id: string; token: string }[];
  newChannel(name: string): Promise<string>;
}

/** A group with every bench user as an active member, a live session and a signed token each (set-based SQL). */
async function loadLiveGroup(db: Client): Promise<Live> {
  const groupId = randomUUID();
  await db.query(
    `insert into working_group (id, created_at, updated_at, slug, name, theme, description, status, visibility)
     values ($1, now(), now(), 'bench-live', 'Bench live', 'open_data', 'npm run bench', 'active', 'members')`,
    [groupId],
  );
  await db.query(
    `insert into membership (id, created_at, updated_at, group_id, user_id, role, status, approved_at)
     select gen_random_uuid(), now(), now(), $1, u.id, 'member', 'active', now() from "user" u`,
    [groupId],
  );
  const users = await signedSessions(db);
  return {
    groupId,
    users,
    async newChannel(name: string): Promise<string> {
      const id = randomUUID();
      await db.query(
        `insert into channel (id, created_at, updated_at, group_id, kind, name) values ($1, now(), now(), $2, 'topic', $3)`,
        [id, groupId, name],
      );
      return id;
    },
  };
}

interface Target {
  name: 'convene' | 'bare';
  server: BenchProcess;
  /** socket.io URL including the namespace. */
  url: string;
  /** Auth for the i-th user's socket. */
  auth(i: number): Record<string, string> | undefined;
}

async function sendOne(socket: Socket, channelId: string, tag: string): Promise<WireMessage> {
  const ack = await emitOk<{ message: WireMessage }>(socket, 'message:send', {
    channelId,
    clientMessageId: tag,
    body: `bench ${wallMs().toFixed(3)} ${tag}`,
  });
  return ack.message;
}

/** CPU cores used by each process over a measured phase. */
function cpuMeter(pids: Record<string, number[]>): () => Record<string, number> {
  const t0 = performance.now();
  const own0 = ownCpuSeconds();
  const before = Object.fromEntries(
    Object.entries(pids).map(([k, list]) => [k, list.reduce((s, p) => s + cpuSecondsOf(p), 0)]),
  );
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const out: Record<string, number> = { harnessSenders: round((ownCpuSeconds() - own0) / seconds) };
    for (const [k, list] of Object.entries(pids)) {
      out[k] = round((list.reduce((s, p) => s + cpuSecondsOf(p), 0) - before[k]) / seconds);
    }
    return out;
  };
}

async function commitClosedLoop(
  target: Target,
  live: Live,
  channels: string[],
  sendersPerChannel: number,
  seconds: number,
  firstUser: number,
): Promise<Record<string, unknown>> {
  const sockets: { socket: Socket; channelId: string }[] = [];
  for (let i = 0; i < channels.length * sendersPerChannel; i++) {
    sockets.push({
      socket: await connectClient(target.url, target.auth(firstUser + i)),
      channelId: channels[i % channels.length],
    });
  }
  const latencies: number[] = [];
  let failed = 0;
  const meter = cpuMeter({ server: [target.server.pid] });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    sockets.map(async ({ socket, channelId }, s) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await sendOne(socket, channelId, `c-${randomUUID().slice(0, 8)}-${s}-${i}`);
          latencies.push(performance.now() - t0);
        } catch {
          failed++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = meter();
  for (const { socket } of sockets) socket.close();
  return {
    sendsPerSecond: Math.round(latencies.length / elapsed),
    ackP50ms: percentile(latencies, 0.5),
    ackP99ms: percentile(latencies, 0.99),
    failed,
    cpuCores: cpu,
  };
}

/** Receivers spread over the child processes, connected and joined to `channelId`. */
async function connectReceivers(
  children: IpcChild[],
  target: Target,
  count: number,
  channelId: string | null,
  firstUser: number,
): Promise<void> {
  const per = Math.ceil(count / children.length);
  await Promise.all(
    children.map((child, c) => {
      const n = Math.max(0, Math.min(per, count - c * per));
      const tokens = Array.from({ length: n }, (_, i) => target.auth(firstUser + c * per + i)?.token ?? null);
      return child.ask({ connect: { url: target.url, tokens, channelId } }, 'ready', 600_000);
    }),
  );
}

interface OpenLoop {
  rate: number;
  expected: number;
  delivered: number;
  deliveredOverExpected: number;
  failedSends: number;
  ackP99ms: number;
  deliveryP50ms: number;
  deliveryP99ms: number;
  outOfOrder: number;
  cpuCores: Record<string, number>;
}

/**
 * Open loop: `senders` sockets together emit `rate` messages per second for `seconds` (in 10 ms ticks, without
 * waiting for acks), then wait up to 5 s for the deliveries to drain.
 */
async function openLoop(
  target: Target,
  children: IpcChild[],
  senders: Socket[],
  channelId: string,
  receivers: number,
  rate: number,
  seconds: number,
): Promise<OpenLoop> {
  await Promise.all(children.map((c) => c.ask({ start: true }, 'started')));
  const meter = cpuMeter({ server: [target.server.pid], harnessReceivers: children.map((c) => c.pid) });
  const acks: Promise<void>[] = [];
  const ackMs: number[] = [];
  let failedSends = 0;
  let acked = 0;
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(Math.floor((elapsed / 1000) * rate), rate * seconds);
      while (sent < due) {
        const socket = senders[sent % senders.length];
        const t0 = performance.now();
        const tag = `r${rate}-${sent}-${randomUUID().slice(0, 6)}`;
        sent++;
        acks.push(
          sendOne(socket, channelId, tag).then(
            () => {
              acked++;
              ackMs.push(performance.now() - t0);
            },
            () => {
              failedSends++;
            },
          ),
        );
      }
      if (sent >= rate * seconds) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  await Promise.race([Promise.all(acks), new Promise((r) => setTimeout(r, 15_000))]);
  const expected = acked * receivers;
  let collected: { latencies: number[]; delivered: number; outOfOrder: number }[] = [];
  const drainUntil = performance.now() + 5_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    collected = await Promise.all(
      children.map((c) =>
        c.ask<{ latencies: number[]; delivered: number; outOfOrder: number }>({ peek: true }, 'peeked'),
      ),
    );
    const delivered = collected.reduce((s, c) => s + c.delivered, 0);
    if (delivered >= expected || performance.now() > drainUntil) break;
  }
  collected = await Promise.all(
    children.map((c) =>
      c.ask<{ latencies: number[]; delivered: number; outOfOrder: number }>({ collect: true }, 'collected'),
    ),
  );
  const cpu = meter();
  const latencies = collected.flatMap((c) => c.latencies);
  const delivered = collected.reduce((s, c) => s + c.delivered, 0);
  return {
    rate,
    expected: sent * receivers,
    delivered,
    deliveredOverExpected: round(delivered / Math.max(1, sent * receivers), 4),
    failedSends,
    ackP99ms: percentile(ackMs, 0.99),
    deliveryP50ms: percentile(latencies, 0.5),
    deliveryP99ms: percentile(latencies, 0.99),
    outOfOrder: collected.reduce((s, c) => s + c.outOfOrder, 0),
    cpuCores: cpu,
  };
}

async function withReceivers<T>(count: number, body: (children: IpcChild[]) => Promise<T>): Promise<T> {
  const children = await Promise.all(
    Array.from({ length: count }, () => forkBenchChild('socket-children.ts', ['receivers'])),
  );
  try {
    return await body(children);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

export async function runSocketScenarios(
  databaseUrl: string,
  opts: SocketOptions,
): Promise<Record<string, unknown>> {
  const progress = (line: string): boolean => process.stderr.write(`[bench] live: ${line}\n`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const live = await loadLiveGroup(db);
  const app = await startAppProcess(databaseUrl);
  const bareServer = await startBenchChild('socket-children.ts', {}, ['bare']);
  const raw = await forkBenchChild('socket-children.ts', ['raw'], { DATABASE_URL: databaseUrl });
  const convene: Target = {
    name: 'convene',
    server: app,
    url: `${app.url}/discussion`,
    auth: (i) => ({ token: live.users[i % live.users.length].token }),
  };
  const bare: Target = { name: 'bare', server: bareServer, url: bareServer.url, auth: () => undefined };
  try {
    // Commit path.
    const commit: Record<string, unknown>[] = [];
    for (const [channelCount, perChannel] of [
      [1, 4],
      [8, 2],
    ]) {
      progress(`commit closed loop, ${channelCount} channel(s) × ${perChannel} senders`);
      const appChannels = await Promise.all(
        Array.from({ length: channelCount }, (_, i) =>
          live.newChannel(`commit ${channelCount}x${perChannel} ${i}`),
        ),
      );
      const rawChannels = await Promise.all(
        Array.from({ length: channelCount }, (_, i) =>
          live.newChannel(`raw ${channelCount}x${perChannel} ${i}`),
        ),
      );
      // Warm-up (JIT, pools) then measure.
      await commitClosedLoop(convene, live, appChannels, perChannel, 1, 0);
      const ours = await commitClosedLoop(convene, live, appChannels, perChannel, opts.commitSeconds, 0);
      const rawMeter = cpuMeter({ rawProcess: [raw.pid] });
      const baseline = await raw.ask<Record<string, number>>(
        {
          run: {
            channels: rawChannels,
            sendersPerChannel: perChannel,
            seconds: opts.commitSeconds,
            authorId: live.users[0].id,
          },
        },
        'result',
      );
      commit.push({
        scenario: `${channelCount} channel(s) × ${perChannel} senders`,
        convene: ours,
        rawPg: { ...baseline, cpuCores: rawMeter() },
        ratio: round((ours.sendsPerSecond as number) / baseline.sendsPerSecond, 3),
      });
    }

    const openLoopBoth = async (
      label: string,
      receivers: number,
      run: (target: Target, children: IpcChild[], senders: Socket[], channelId: string) => Promise<unknown>,
    ): Promise<Record<string, unknown>> => {
      const out: Record<string, unknown> = {};
      for (const target of [bare, convene]) {
        progress(`${label}: ${target.name}, connecting ${receivers} receivers`);
        const channelId = await live.newChannel(`${label} ${target.name}`);
        out[target.name] = await withReceivers(opts.receiverProcesses, async (children) => {
          await connectReceivers(children, target, receivers, channelId, 100);
          const senders = await Promise.all(
            [0, 1, 2, 3].map((i) => connectClient(target.url, target.auth(i + 10))),
          );
          try {
            return await run(target, children, senders, channelId);
          } finally {
            for (const s of senders) s.close();
          }
        });
      }
      return out;
    };

    /** One sender at `rate` msg/s into a room of `receivers`, against Convene and bare socket.io. */
    const oneSenderFanout = async (name: string, receivers: number, rate: number, seconds: number) => {
      const runs = (await openLoopBoth(name, receivers, (target, children, senders, channelId) =>
        openLoop(target, children, senders.slice(0, 1), channelId, receivers, rate, seconds),
      )) as { convene: OpenLoop; bare: OpenLoop };
      return {
        summary: {
          receivers,
          rate,
          seconds,
          ...runs,
          deliveredOverExpected: runs.convene.deliveredOverExpected,
          p99OverBareP99: round(runs.convene.deliveryP99ms / Math.max(1, runs.bare.deliveryP99ms)),
        },
        convene: runs.convene,
        bareP99: runs.bare.deliveryP99ms,
      };
    };

    const fo = await oneSenderFanout('fanout', opts.fanoutReceivers, opts.fanoutRate, opts.fanoutSeconds);
    const fanout = {
      ...fo.summary,
      target: `delivered/expected = 1 and p99 ≤ 2 × ${fo.bareP99} + 20 ms`,
      meetsTarget: fo.convene.deliveredOverExpected === 1 && fo.convene.deliveryP99ms <= 2 * fo.bareP99 + 20,
    };

    // The fan-out machinery at 5,000 receivers (spread over the receiver processes), one sender at 20 msg/s.
    const sc = await oneSenderFanout('scale', opts.scaleReceivers, opts.scaleRate, opts.scaleSeconds);
    const scale = {
      ...sc.summary,
      target: 'delivered/expected = 1 and p99 < 250 ms',
      meetsTarget: sc.convene.deliveredOverExpected === 1 && sc.convene.deliveryP99ms < 250,
    };

    const maxRateRuns = await openLoopBoth(
      'maxrate',
      opts.maxRateReceivers,
      async (target, children, senders, channelId) => {
        const steps: OpenLoop[] = [];
        let sustained = 0;
        for (const rate of opts.maxRateSteps) {
          progress(`max rate: ${target.name} at ${rate}/s`);
          const step = await openLoop(
            target,
            children,
            senders,
            channelId,
            opts.maxRateReceivers,
            rate,
            opts.maxRateStepSeconds,
          );
          steps.push(step);
          if (step.deliveredOverExpected < 1 || step.deliveryP99ms > 250) break;
          sustained = rate;
        }
        return { sustainedRate: sustained, steps };
      },
    );
    const mr = maxRateRuns as { convene: { sustainedRate: number }; bare: { sustainedRate: number } };
    const maxRate = {
      receivers: opts.maxRateReceivers,
      stepSeconds: opts.maxRateStepSeconds,
      ...maxRateRuns,
      ratio: round(mr.convene.sustainedRate / Math.max(1, mr.bare.sustainedRate)),
    };

    progress('memory: idle authenticated sockets (a fresh app process)');
    // A fresh process, so the figure is the sockets' and not the heap the earlier scenarios grew and kept.
    const fresh = await startAppProcess(databaseUrl);
    const freshTarget: Target = { ...convene, server: fresh, url: `${fresh.url}/discussion` };
    const memory = await withReceivers(opts.receiverProcesses, async (children) => {
      // Warm-up: code paths and pools in use, then the idle figure.
      await connectReceivers(children, freshTarget, 20, null, live.users.length - 20);
      await new Promise((r) => setTimeout(r, 2_000));
      const idle = rssKiBOf(fresh.pid);
      const points: { connections: number; rssMiB: number; kibPerSocket: number }[] = [];
      let connected = 0;
      for (const count of opts.memoryCounts) {
        progress(`memory: ${count} sockets`);
        await connectReceivers(children, freshTarget, count - connected, null, connected);
        connected = count;
        await new Promise((r) => setTimeout(r, 3_000));
        const rss = rssKiBOf(fresh.pid);
        points.push({
          connections: count,
          rssMiB: round(rss / 1024, 1),
          kibPerSocket: round((rss - idle) / count, 1),
        });
      }
      return { idleRssMiB: round(idle / 1024, 1), points, targetKibPerSocket: 40 };
    }).finally(() => fresh.stop());

    return { commit, fanout, scale, maxRate, memory };
  } finally {
    await Promise.all([app.stop(), bareServer.stop(), raw.stop()]);
    await db.end();
  }
}
