/**
 * The pieces the live scenarios share (bench/socket-scenarios.ts, bench/socket-memory.ts): the bench group with a
 * signed session per user, the targets (the app, a bare socket.io server) and receivers spread over child
 * processes.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { signedSessions } from './bench-sessions';
import { emitOk, WireMessage } from './fanout-harness';
import { BenchProcess, cpuSecondsOf, forkBenchChild, IpcChild, ownCpuSeconds } from './processes';
import { percentile, round, wallMs } from './support';

export interface Live {
  groupId: string;
  users: { id: string; token: string }[];
  newChannel(name: string): Promise<string>;
}

/** A group with every bench user as an active member, a live session and a signed token each (set-based SQL). */
export async function loadLiveGroup(db: Client): Promise<Live> {
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

export interface Target {
  name: 'convene' | 'bare';
  server: BenchProcess;
  /** socket.io URL including the namespace. */
  url: string;
  /** Auth for the i-th user's socket. */
  auth(i: number): Record<string, string> | undefined;
}

/** Receivers spread over the child processes, connected and joined to `channelId`. */
export async function connectReceivers(
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

export async function withReceivers<T>(
  count: number,
  body: (children: IpcChild[]) => Promise<T>,
): Promise<T> {
  const children = await Promise.all(
    Array.from({ length: count }, () => forkBenchChild('socket-children.ts', ['receivers'])),
  );
  try {
    return await body(children);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
}

export async function sendOne(socket: Socket, channelId: string, tag: string): Promise<WireMessage> {
  const ack = await emitOk<{ message: WireMessage }>(socket, 'message:send', {
    channelId,
    clientMessageId: tag,
    body: `bench ${wallMs().toFixed(3)} ${tag}`,
  });
  return ack.message;
}

/** CPU cores used by each process over a measured phase. */
export function cpuMeter(pids: Record<string, number[]>): () => Record<string, number> {
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

export interface OpenLoop {
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
export async function openLoop(
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
