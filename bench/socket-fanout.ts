/**
 * Real-time fan-out: one channel, R receivers, senders awaiting each ack. Each scenario runs on a bare
 * socket.io server (the baseline) and on Convene (`/discussion`: JWT handshake, payload validation, membership
 * re-read, one locked commit per message, then broadcast, then ack), in the same run and process.
 */
import { randomUUID } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { createBenchGroup } from './convene-fixture';
import {
  closeAll,
  connectClient,
  emitOk,
  FanoutMetrics,
  FanoutTarget,
  runFanout,
  WireMessage,
} from './fanout-harness';
import { startBareServer } from './socket-baseline';
import { BenchApp, envInt, mib, rssMiB, settledHeapUsed } from './support';

export interface SocketFanoutOptions {
  /** Messages from the single sender (BENCH_SOCKET_MESSAGES). */
  messages: number;
  /** Receivers joined to the channel (BENCH_SOCKET_RECEIVERS). */
  receivers: number;
  /** Concurrent senders in the second scenario (BENCH_SOCKET_SENDERS)... */
  senders: number;
  /** ...each sending this many messages (BENCH_SOCKET_MESSAGES_PER_SENDER). */
  messagesPerSender: number;
  /** Unmeasured messages per sender before each measured phase (BENCH_SOCKET_WARMUP). */
  warmup: number;
}

export const socketFanoutOptionsFromEnv = (): SocketFanoutOptions => ({
  messages: envInt('BENCH_SOCKET_MESSAGES', 500),
  receivers: envInt('BENCH_SOCKET_RECEIVERS', 5),
  senders: envInt('BENCH_SOCKET_SENDERS', 5),
  messagesPerSender: envInt('BENCH_SOCKET_MESSAGES_PER_SENDER', 100),
  warmup: envInt('BENCH_SOCKET_WARMUP', 20),
});

/** ours / baseline for each figure: below 1 for rates means slower, above 1 for latencies means slower. */
export interface FanoutComparison {
  ackedSendsPerSecond: number;
  deliveriesPerSecond: number;
  deliveryP50ms: number;
  deliveryP99ms: number;
}

export interface SocketFanoutResult {
  options: SocketFanoutOptions;
  results: FanoutMetrics[];
  oursOverBaseline: { singleSender: FanoutComparison; concurrentSenders: FanoutComparison };
  memory: { heapUsedDeltaMiB: number; rssMiB: number };
}

interface Shape {
  senders: number;
  perSender: number;
}

const sendWith =
  (channelId: string) =>
  async (socket: Socket, body: string, clientMessageId: string): Promise<WireMessage> => {
    const ack = await emitOk<{ message: WireMessage }>(socket, 'message:send', {
      channelId,
      clientMessageId,
      body,
    });
    return ack.message;
  };

async function baseline(name: string, shape: Shape, options: SocketFanoutOptions): Promise<FanoutMetrics> {
  const server = await startBareServer();
  const sockets: Socket[] = [];
  const connect = async () => {
    const socket = await connectClient(server.url);
    sockets.push(socket);
    return socket;
  };
  try {
    const channelId = randomUUID();
    const receivers = await Promise.all(Array.from({ length: options.receivers }, connect));
    for (const socket of receivers) await emitOk(socket, 'channel:join', { channelId });
    const senders = await Promise.all(Array.from({ length: shape.senders }, connect));
    const target: FanoutTarget = { senders, receivers, send: sendWith(channelId) };
    return await runFanout(name, target, shape.perSender, options.warmup);
  } finally {
    closeAll(sockets);
    await server.close();
  }
}

async function convene(
  name: string,
  shape: Shape,
  options: SocketFanoutOptions,
  bench: BenchApp,
  group: Awaited<ReturnType<typeof createBenchGroup>>,
): Promise<FanoutMetrics> {
  const sockets: Socket[] = [];
  const connect = async (accessToken: string) => {
    const socket = await connectClient(`${bench.url}/discussion`, { token: accessToken });
    sockets.push(socket);
    return socket;
  };
  try {
    const channelId = await group.newChannel(`${name} ${randomUUID().slice(0, 8)}`.slice(0, 120));
    // Receivers are the first R members, senders the next ones: nobody both sends and receives.
    const receiverMembers = group.members.slice(0, options.receivers);
    const senderMembers = group.members.slice(options.receivers, options.receivers + shape.senders);
    const receivers = await Promise.all(receiverMembers.map((m) => connect(m.accessToken)));
    for (const socket of receivers) await emitOk(socket, 'channel:join', { channelId });
    const senders = await Promise.all(senderMembers.map((m) => connect(m.accessToken)));
    const target: FanoutTarget = { senders, receivers, send: sendWith(channelId) };
    return await runFanout(name, target, shape.perSender, options.warmup);
  } finally {
    closeAll(sockets);
  }
}

const div = (a: number, b: number): number => (b === 0 ? 0 : Number((a / b).toFixed(3)));

function compare(ours: FanoutMetrics, base: FanoutMetrics): FanoutComparison {
  return {
    ackedSendsPerSecond: div(ours.ackedSendsPerSecond, base.ackedSendsPerSecond),
    deliveriesPerSecond: div(ours.deliveriesPerSecond, base.deliveriesPerSecond),
    deliveryP50ms: div(ours.deliveryP50ms, base.deliveryP50ms),
    deliveryP99ms: div(ours.deliveryP99ms, base.deliveryP99ms),
  };
}

/**
 * The four socket scenarios. `bench` must be the application started with the per-socket write rate limit
 * lifted (see bench/run.ts), otherwise sends beyond the burst are refused with 429 and show up as failedSends.
 */
export async function runSocketFanout(
  bench: BenchApp,
  options: SocketFanoutOptions = socketFanoutOptionsFromEnv(),
): Promise<SocketFanoutResult> {
  const heapBefore = settledHeapUsed();
  const single: Shape = { senders: 1, perSender: options.messages };
  const concurrent: Shape = { senders: options.senders, perSender: options.messagesPerSender };
  const group = await createBenchGroup(bench, options.receivers + Math.max(1, options.senders));

  const bareSingle = await baseline('bare socket.io: 1 sender, acked sends, fan-out', single, options);
  const oursSingle = await convene(
    'Convene /discussion: 1 sender, message:send (commit, broadcast, ack)',
    single,
    options,
    bench,
    group,
  );
  const bareConcurrent = await baseline(
    'bare socket.io: concurrent senders into one room',
    concurrent,
    options,
  );
  const oursConcurrent = await convene(
    'Convene /discussion: concurrent senders into one channel',
    concurrent,
    options,
    bench,
    group,
  );
  return {
    options,
    results: [bareSingle, oursSingle, bareConcurrent, oursConcurrent],
    oursOverBaseline: {
      singleSender: compare(oursSingle, bareSingle),
      concurrentSenders: compare(oursConcurrent, bareConcurrent),
    },
    memory: {
      heapUsedDeltaMiB: mib(settledHeapUsed() - heapBefore),
      rssMiB: rssMiB(),
    },
  };
}
