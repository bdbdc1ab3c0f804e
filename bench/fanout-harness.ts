/**
 * Client side of the socket scenarios, identical for the bare socket.io baseline and for Convene: senders emit
 * `message:send` one at a time (the next after the ack), receivers count `message:new`. The sender's
 * performance.now() travels in the message body, so delivery latency is measured on one process clock.
 */
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { mib, percentile, rssMiB, settledHeapUsed } from './support';

/** What a `message:new` (and a send ack's `message`) carries that the harness reads. */
export interface WireMessage {
  seq: number;
  body: string;
  clientMessageId: string;
}

export interface FanoutTarget {
  senders: Socket[];
  receivers: Socket[];
  /** Emits one `message:send` and resolves with the acknowledged message; rejects when refused. */
  send(socket: Socket, body: string, clientMessageId: string): Promise<WireMessage>;
}

export interface FanoutMetrics {
  scenario: string;
  senders: number;
  receivers: number;
  /** Messages sent in the measured phase (warm-up excluded). */
  messages: number;
  failedSends: number;
  firstError?: string;
  durationMs: number;
  ackedSendsPerSecond: number;
  ackP50ms: number;
  ackP99ms: number;
  deliveryP50ms: number;
  deliveryP99ms: number;
  /** Sum over receivers of messages received, per second (until the last delivery). */
  deliveriesPerSecond: number;
  /** Every receiver got every acknowledged message once, in consecutive seq order (observed, not asserted). */
  orderedExactlyOnce: boolean;
  memory: { heapUsedDeltaMiB: number; rssMiB: number };
}

const ACK_TIMEOUT_MS = 30_000;
const DELIVERY_TIMEOUT_MS = 30_000;

export function connectClient(url: string, auth?: Record<string, string>): Promise<Socket> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** emitWithAck with a timeout; an `{ ok: false }` ack becomes a rejection carrying the error. */
export async function emitOk<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as {
    ok: boolean;
    error?: unknown;
  };
  if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
  return ack as T;
}

interface Received {
  seq: number;
  clientMessageId: string;
}

interface Phase {
  expected: number;
  count: number;
  perReceiver: Received[][];
  deliveryMs: number[];
  lastDeliveryAt: number;
  allDelivered: () => void;
}

const bodyFor = (sentAt: number, tag: string): string => `bench ${sentAt.toFixed(3)} ${tag}`;
const sentAtOf = (body: string): number => Number(body.split(' ')[1]);

/**
 * Runs a warm-up phase, then the measured phase: `perSender` messages from each sender, concurrently across
 * senders, sequentially per sender. Waits until every receiver has every message (or a timeout).
 */
export async function runFanout(
  scenario: string,
  target: FanoutTarget,
  perSender: number,
  warmupPerSender: number,
): Promise<FanoutMetrics> {
  let phase: Phase | null = null;
  target.receivers.forEach((socket, r) => {
    socket.on('message:new', (message: WireMessage) => {
      const now = performance.now();
      if (!phase) return;
      phase.perReceiver[r].push({ seq: message.seq, clientMessageId: message.clientMessageId });
      phase.deliveryMs.push(now - sentAtOf(message.body));
      phase.lastDeliveryAt = now;
      if (++phase.count === phase.expected) phase.allDelivered();
    });
  });

  const runPhase = async (label: string, count: number) => {
    let allDelivered = (): void => undefined;
    const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
    const current: Phase = {
      expected: count * target.senders.length * target.receivers.length,
      count: 0,
      perReceiver: target.receivers.map(() => []),
      deliveryMs: [],
      lastDeliveryAt: 0,
      allDelivered,
    };
    phase = current;
    const ackMs: number[] = [];
    const acked = new Map<number, string>();
    const errors: string[] = [];
    let lastAckAt = 0;
    const heapBefore = settledHeapUsed();
    const started = performance.now();
    await Promise.all(
      target.senders.map(async (socket, s) => {
        for (let i = 0; i < count; i++) {
          const clientMessageId = `${label}-${s}-${i}`;
          const t0 = performance.now();
          try {
            const message = await target.send(socket, bodyFor(t0, clientMessageId), clientMessageId);
            lastAckAt = performance.now();
            ackMs.push(lastAckAt - t0);
            acked.set(message.seq, message.clientMessageId);
          } catch (error) {
            errors.push(error instanceof Error ? error.message : String(error));
          }
        }
      }),
    );
    // Refused sends are never delivered: expect only what was acknowledged.
    current.expected = acked.size * target.receivers.length;
    if (current.count >= current.expected) allDelivered();
    let timer: NodeJS.Timeout | undefined;
    const complete = await Promise.race([
      delivered.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DELIVERY_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    phase = null;
    const heapAfter = settledHeapUsed();
    const ordered =
      complete &&
      current.perReceiver.every(
        (list) =>
          list.length === acked.size &&
          list.every(
            (m, i) => acked.get(m.seq) === m.clientMessageId && (i === 0 || m.seq === list[i - 1].seq + 1),
          ),
      );
    const toAck = lastAckAt - started;
    const toDelivery = current.lastDeliveryAt - started;
    return {
      scenario,
      senders: target.senders.length,
      receivers: target.receivers.length,
      messages: count * target.senders.length,
      failedSends: errors.length,
      ...(errors.length > 0 ? { firstError: errors[0] } : {}),
      durationMs: Math.round(Math.max(toAck, toDelivery)),
      ackedSendsPerSecond: toAck > 0 ? Math.round((acked.size / toAck) * 1000) : 0,
      ackP50ms: percentile(ackMs, 0.5),
      ackP99ms: percentile(ackMs, 0.99),
      deliveryP50ms: percentile(current.deliveryMs, 0.5),
      deliveryP99ms: percentile(current.deliveryMs, 0.99),
      deliveriesPerSecond: toDelivery > 0 ? Math.round((current.count / toDelivery) * 1000) : 0,
      orderedExactlyOnce: ordered,
      memory: {
        heapUsedDeltaMiB: mib(heapAfter - heapBefore),
        rssMiB: rssMiB(),
      },
    } satisfies FanoutMetrics;
  };

  await runPhase('warmup', warmupPerSender);
  return runPhase('measured', perSender);
}

export function closeAll(sockets: Socket[]): void {
  for (const socket of sockets) socket.close();
}
