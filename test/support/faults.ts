import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import type { Ack, WireMessage } from '../factories/discussion';
import { ROOT, track } from './server-process';

/**
 * The fault tests' world, built only through the real server's HTTP API (it runs in another process, so the
 * in-process factories cannot reach it): the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, a group it creates,
 * members it adds, and their general channel. Message checks read the API and the test's own database.
 */
export const ADMIN_EMAIL = 'fault-admin@example.org';
export const ADMIN_PASSWORD = 'a-long-and-unusual-passphrase';

/** No send may wait longer than this for its ack, whatever fails underneath. */
export const ACK_BOUND_MS = 10_000;

export interface TestDatabase {
  url: string;
  port: number;
  /** Fast shutdown (what `pg_ctl stop` does by default): sessions are terminated with 57P01. */
  stop(): Promise<void>;
}

/** A PostgreSQL cluster under `dir`, started in a helper process (postgres-process.ts); `port` to restart it. */
export async function startDatabase(dir: string, port?: number): Promise<TestDatabase> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'postgres-process.ts'),
      dir,
      ...(port ? [String(port)] : []),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  track(child);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postgres did not start: ${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exit.then(() => reject(new Error(`postgres exited: ${output}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    stop: async () => {
      child.kill('SIGTERM');
      await exit;
    },
  };
}

export interface Sender {
  id: string;
  token: string;
}

export interface World {
  slug: string;
  channelId: string;
  senders: Sender[];
}

async function call<T>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T; contentType: string }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    contentType: res.headers.get('content-type') ?? '',
  };
}

export const api = call;

async function expectStatus<T>(
  what: string,
  expected: number,
  response: Promise<{ status: number; body: T }>,
): Promise<T> {
  const res = await response;
  if (res.status !== expected)
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)} (expected ${expected})`);
  return res.body;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const body = await expectStatus(
    'login',
    200,
    call<{ accessToken: string }>(url, 'POST', '/auth/login', { email, password }),
  );
  return body.accessToken;
}

/** A group with `count` members who may post, and their tokens. */
export async function buildWorld(url: string, count: number): Promise<World> {
  const admin = await login(url, ADMIN_EMAIL, ADMIN_PASSWORD);
  const group = await expectStatus(
    'create group',
    201,
    call<{ slug: string }>(
      url,
      'POST',
      '/working-groups',
      {
        name: `Faults ${randomUUID().slice(0, 8)}`,
        theme: 'open_data',
        description: 'The fault tests post here.',
        visibility: 'members',
        joinPolicy: 'approval',
      },
      admin,
    ),
  );
  const senders: Sender[] = [];
  for (let i = 0; i < count; i++) {
    const email = `fault-sender-${i}-${randomUUID().slice(0, 8)}@example.org`;
    const user = await expectStatus(
      'register',
      201,
      call<{ id: string }>(url, 'POST', '/auth/register', {
        email,
        password: ADMIN_PASSWORD,
        displayName: `Sender ${i}`,
      }),
    );
    await expectStatus(
      'add member',
      201,
      call(url, 'POST', `/working-groups/${group.slug}/members`, { userId: user.id }, admin),
    );
    senders.push({ id: user.id, token: await login(url, email, ADMIN_PASSWORD) });
  }
  const channels = await expectStatus(
    'list channels',
    200,
    call<{ items: { id: string; kind: string }[] }>(
      url,
      'GET',
      `/working-groups/${group.slug}/channels`,
      undefined,
      senders[0].token,
    ),
  );
  const general = channels.items.find((c) => c.kind === 'general');
  if (!general) throw new Error('no general channel');
  return { slug: group.slug, channelId: general.id, senders };
}

const sockets = new Set<Socket>();
const loopHalts = new Set<() => void>();

/**
 * A /discussion client as an app would run it: websocket transport, and (with `reconnect`) socket.io-client's own
 * auto-reconnect with a short delay so the tests stay short.
 */
export function openSocket(url: string, token: string, reconnect = false): Promise<Socket> {
  const socket = io(`${url}/discussion`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: reconnect,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      if (!reconnect) socket.close();
      reject(error);
    });
  });
}

/** A free TCP port on loopback, for a server that must come back on the address its clients hold. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Stops every send loop and closes every socket (and its reconnection) opened here. */
export function closeSockets(): void {
  for (const halt of loopHalts) halt();
  loopHalts.clear();
  for (const socket of sockets) socket.close();
  sockets.clear();
}

/** What became of one `message:send`: an ack (ok or error), or no ack within the bound, or a lost connection. */
export type Outcome =
  | { kind: 'acked'; clientMessageId: string; message: WireMessage }
  | { kind: 'refused'; clientMessageId: string; error: { status: number; code?: string; detail: string } }
  | { kind: 'lost'; clientMessageId: string; reason: string };

export async function send(
  socket: Socket,
  channelId: string,
  clientMessageId: string = randomUUID(),
  body = `message ${clientMessageId}`,
): Promise<Outcome> {
  try {
    const ack = (await socket
      .timeout(ACK_BOUND_MS)
      .emitWithAck('message:send', { channelId, clientMessageId, body })) as Ack;
    return ack.ok
      ? { kind: 'acked', clientMessageId, message: ack.message as WireMessage }
      : { kind: 'refused', clientMessageId, error: ack.error };
  } catch (error) {
    // socket.io-client rejects with "operation has timed out" past the bound, or "socket has been disconnected".
    return { kind: 'lost', clientMessageId, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Sends in a closed loop (the next send once the previous one is answered) until `stop()`; returns every
 * outcome. While the socket is disconnected it waits, as an app does, instead of queueing sends.
 */
export function sendLoop(
  socket: Socket,
  channelId: string,
  pauseMs = 0,
): { outcomes: Outcome[]; stop: () => Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let running = true;
  const halt = (): void => {
    running = false;
  };
  loopHalts.add(halt);
  const done = (async () => {
    while (running) {
      if (!socket.connected) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      outcomes.push(await send(socket, channelId));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    outcomes,
    stop: async () => {
      halt();
      loopHalts.delete(halt);
      await done;
      return outcomes;
    },
  };
}

export const ackedAtLeast = (outcomes: Outcome[], from: number, count: number): boolean =>
  outcomes.slice(from).filter((o) => o.kind === 'acked').length >= count;

/** Every message of the channel through the history API, ascending by seq. */
export async function history(url: string, token: string, channelId: string): Promise<WireMessage[]> {
  const all: WireMessage[] = [];
  for (;;) {
    const after = all.length > 0 ? all[all.length - 1].seq : 0;
    const page = await expectStatus(
      'history',
      200,
      call<{ items: WireMessage[]; hasMore: boolean }>(
        url,
        'GET',
        `/channels/${channelId}/messages?afterSeq=${after}&limit=200`,
        undefined,
        token,
      ),
    );
    all.push(...page.items);
    if (!page.hasMore) return all;
  }
}

/** How many rows the database holds per clientMessageId of the channel (the test's own connection). */
export async function storedCounts(databaseUrl: string, channelId: string): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ client_message_id: string; n: string }>(
      'select client_message_id, count(*) as n from message where channel_id = $1 group by client_message_id',
      [channelId],
    );
    return new Map(rows.map((r) => [r.client_message_id, Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** Polls until the condition holds, or fails after the timeout naming what it waited for. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
