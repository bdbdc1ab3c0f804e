/**
 * Child processes of the socket scenarios, one module, chosen by argv[2]:
 *   raw       raw `pg` single-row commits with Convene's per-channel seq scheme — the commit ceiling, driven
 *             over IPC: { run: { channels, sendersPerChannel, seconds, authorId } } answers { sends, p50, p99 }
 *   receivers lean socket.io receivers (bench/lean-receiver.ts) joined to one channel; IPC { connect },
 *             { join } (every socket it holds),
 *             { start }, { collect }
 * Both answer `ready` over IPC (the bare socket.io baseline is bench/socket-baseline.ts, run on its own).
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { WireMessage } from './fanout-harness';
import { LeanReceiver } from './lean-receiver';
import { percentile, wallMs } from './support';

const send = (message: unknown): void => {
  process.send?.(message);
};

interface RawRun {
  channels: string[];
  sendersPerChannel: number;
  seconds: number;
  authorId: string;
}

/**
 * What Convene's send path must at least do per message, in one transaction: lock the channel row, take the
 * next seq, insert the row, commit. One connection per sender, as the app's pool would give.
 */
function raw(): Promise<void> {
  const url = process.env.DATABASE_URL;
  process.on('message', (message: { run?: RawRun }) => {
    if (!message.run) return;
    const run = message.run;
    void (async () => {
      const clients: Client[] = [];
      for (let i = 0; i < run.channels.length * run.sendersPerChannel; i++) {
        const client = new Client({ connectionString: url });
        await client.connect();
        clients.push(client);
      }
      const latencies: number[] = [];
      const deadline = performance.now() + run.seconds * 1000;
      let counter = 0;
      const started = performance.now();
      await Promise.all(
        clients.map(async (client, i) => {
          const channelId = run.channels[i % run.channels.length];
          while (performance.now() < deadline) {
            const t0 = performance.now();
            await client.query('begin');
            await client.query('select read_only from channel where id = $1 for update', [channelId]);
            const { rows } = await client.query<{ last_seq: number }>(
              'update channel set last_seq = last_seq + 1 where id = $1 returning last_seq',
              [channelId],
            );
            await client.query(
              `insert into message (id, channel_id, seq, author_id, body, mentions, client_message_id, edits, created_at)
               values (gen_random_uuid(), $1, $2, $3, $4, '{}', $5, '[]', now())`,
              [
                channelId,
                rows[0].last_seq,
                run.authorId,
                'raw bench message',
                `raw-${process.pid}-${++counter}`,
              ],
            );
            await client.query('commit');
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(clients.map((c) => c.end()));
      send({
        result: {
          sendsPerSecond: Math.round(latencies.length / seconds),
          p50ms: percentile(latencies, 0.5),
          p99ms: percentile(latencies, 0.99),
        },
      });
    })();
  });
  send({ ready: true });
  return Promise.resolve();
}

interface ConnectOrder {
  url: string;
  tokens: (string | null)[];
  channelId: string | null;
}

/**
 * Receivers: connect (and join when a channel is given), then count `message:new` per socket, checking seq order
 * and keeping the delivery latency (wall clock at arrival minus the sender's wall clock in the body).
 */
function receivers(): Promise<void> {
  const sockets: LeanReceiver[] = [];
  let latencies: number[] = [];
  let counts: number[] = [];
  let outOfOrder = 0;
  let lastSeq: number[] = [];
  let measuring = false;
  process.on(
    'message',
    (message: {
      connect?: ConnectOrder;
      join?: { channelId: string };
      start?: boolean;
      peek?: boolean;
      collect?: boolean;
      close?: boolean;
    }) => {
      void (async () => {
        if (message.connect) {
          const order = message.connect;
          try {
            for (let i = 0; i < order.tokens.length; i += 50) {
              const batch = await Promise.all(
                order.tokens
                  .slice(i, i + 50)
                  .map((token) => LeanReceiver.connect(order.url, token ? { token } : undefined)),
              );
              for (const socket of batch) {
                if (order.channelId) await socket.emitOk('channel:join', { channelId: order.channelId });
                const r = sockets.length;
                sockets.push(socket);
                socket.on('message:new', (payload) => {
                  const m = payload as WireMessage;
                  if (!measuring) return;
                  latencies.push(wallMs() - Number(m.body.split(' ')[1]));
                  counts[r]++;
                  if (lastSeq[r] !== 0 && m.seq !== lastSeq[r] + 1) outOfOrder++;
                  lastSeq[r] = m.seq;
                });
              }
            }
            send({ ready: sockets.length });
          } catch (error) {
            send({ failed: error instanceof Error ? error.message : String(error) });
          }
        }
        if (message.join) {
          const { channelId } = message.join;
          try {
            for (let i = 0; i < sockets.length; i += 50) {
              await Promise.all(
                sockets.slice(i, i + 50).map((socket) => socket.emitOk('channel:join', { channelId })),
              );
            }
            send({ joined: sockets.length });
          } catch (error) {
            send({ failed: error instanceof Error ? error.message : String(error) });
          }
        }
        if (message.start) {
          latencies = [];
          counts = sockets.map(() => 0);
          lastSeq = sockets.map(() => 0);
          outOfOrder = 0;
          measuring = true;
          send({ started: true });
        }
        if (message.peek) {
          send({ peeked: { latencies: [], delivered: counts.reduce((a, b) => a + b, 0), outOfOrder } });
        }
        if (message.collect) {
          measuring = false;
          send({ collected: { latencies, delivered: counts.reduce((a, b) => a + b, 0), outOfOrder } });
        }
        if (message.close) {
          for (const socket of sockets) socket.close();
          process.exit(0);
        }
      })();
    },
  );
  send({ alive: true });
  return Promise.resolve();
}

const role = process.argv[2];
const roles: Record<string, () => Promise<void>> = { raw, receivers };
roles[role]().catch((error: unknown) => {
  process.stderr.write(`${role} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
