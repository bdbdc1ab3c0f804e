/**
 * Issue 15, live path: every server in a process of its own (the app's production build, a bare socket.io
 * server, raw `pg` commits), receivers spread over child processes, senders in this process. Scenarios:
 *   commit   closed loop (each sender awaits its ack): 1 hot channel × 4 senders, 8 channels × 2 senders; vs raw
 *   fanout   1,000 receivers, one sender at 20 msg/s for 10 s: delivered/expected and delivery p99; vs bare
 *   maxRate  100 receivers, rate stepped up until delivered/expected < 1 or p99 > 250 ms; vs bare
 *   scale    on fresh processes (bench/socket-scale.ts): RSS per idle socket at 1,000 and 5,000 connections,
 *            then the 5,000 receivers at 20 msg/s: p99 < 250 ms, nothing lost; both vs bare
 * Delivery latency = wall clock at the receiver minus the sender's wall clock carried in the body (one machine).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { connectClient } from './fanout-harness';
import { forkBenchChild, IpcChild, startAppProcess, startPlainChild } from './processes';
import { runScaleAndMemory } from './socket-scale';
import {
  connectReceivers,
  cpuMeter,
  Live,
  loadLiveGroup,
  OpenLoop,
  openLoop,
  sendOne,
  Target,
  withReceivers,
} from './socket-live';
import { percentile, round } from './support';

export interface SocketOptions {
  commitSeconds: number;
  fanoutReceivers: number;
  fanoutRate: number;
  fanoutSeconds: number;
  /** Issue 15's "5,000-connection run at 20 msg/s with p99 < 250 ms": the last of `memoryCounts` (quick: 500). */
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
        scaleRate: 20,
        scaleSeconds: 10,
        maxRateReceivers: 100,
        maxRateSteps: [25, 50, 100, 200, 400, 800, 1_600, 3_200],
        maxRateStepSeconds: 3,
        memoryCounts: [1_000, 5_000],
        receiverProcesses: 4,
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

export async function runSocketScenarios(
  databaseUrl: string,
  opts: SocketOptions,
): Promise<Record<string, unknown>> {
  const progress = (line: string): boolean => process.stderr.write(`[bench] live: ${line}\n`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const live = await loadLiveGroup(db);
  const app = await startAppProcess(databaseUrl);
  const bareServer = await startPlainChild('socket-baseline.ts');
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

    // The long-lived servers go first: the many-connection stage runs on fresh ones (bench/socket-scale.ts).
    await Promise.all([app.stop(), bareServer.stop(), raw.stop()]);
    const { scale, memory } = await runScaleAndMemory(databaseUrl, live, convene, opts, progress);
    return { commit, fanout, scale, maxRate, memory };
  } finally {
    await Promise.all([app.stop(), bareServer.stop(), raw.stop()]);
    await db.end();
  }
}
