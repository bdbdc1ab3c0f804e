import { io, Socket } from 'socket.io-client';
import { TestApp } from '../support/test-app';
import { TestUser } from './users';

export interface AckOk {
  ok: true;
  [key: string]: unknown;
}
export interface AckError {
  ok: false;
  error: { status: number; title: string; detail: string; code?: string; errors?: { path: string }[] };
}
export type Ack = AckOk | AckError;

export interface WireMessage {
  id: string;
  channelId: string;
  seq: number;
  author: { id: string; displayName: string };
  body: string | null;
  parentId: string | null;
  mentions: string[];
  reactions: { emoji: string; count: number; userIds: string[] }[];
  clientMessageId: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

const sockets = new Set<Socket>();

/** Connects to /discussion with a token (websocket transport); resolves once connected, rejects on connect_error. */
export function connect(
  t: { url: string },
  token: string | undefined,
  options: { extraHeaders?: Record<string, string>; transports?: string[] } = {},
): Promise<Socket> {
  const socket = io(`${t.url}/discussion`, {
    auth: token === undefined ? {} : { token },
    transports: options.transports ?? ['websocket'],
    extraHeaders: options.extraHeaders,
    reconnection: false,
    forceNew: true,
  });
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export const connectAs = (t: { url: string }, user: TestUser): Promise<Socket> =>
  connect(t, user.accessToken);

/**
 * Connects as `user` once the server has given a connection slot back (it does so when it sees a disconnect,
 * shortly after the client closes): retries while the handshake is refused.
 */
export async function connectWhenFree(
  t: { url: string },
  user: TestUser,
  timeoutMs = 5_000,
): Promise<Socket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await connectAs(t, user);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export function closeAllSockets(): void {
  for (const socket of sockets) socket.close();
  sockets.clear();
}

export function emitAck<T extends Ack = Ack>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(60_000).emitWithAck(event, ...args) as Promise<T>;
}

export async function sendOk(socket: Socket, payload: Record<string, unknown>): Promise<WireMessage> {
  const ack = await emitAck(socket, 'message:send', payload);
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
  return ack.message as WireMessage;
}

export async function joinOk(
  socket: Socket,
  channelId: string,
  sinceSeq?: number,
): Promise<{ missed: WireMessage[]; hasMore: boolean; online: string[]; channel: Record<string, unknown> }> {
  const ack = await emitAck(
    socket,
    'channel:join',
    sinceSeq === undefined ? { channelId } : { channelId, sinceSeq },
  );
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  return ack as never;
}

/** Collects every `event` the socket receives. */
export function collect<T>(socket: Socket, event: string): T[] {
  const list: T[] = [];
  socket.on(event, (payload: T) => list.push(payload));
  return list;
}

/** Waits until the condition holds (polling), or fails after the timeout. */
export async function until(condition: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function generalChannelId(t: TestApp, user: TestUser, slug: string): Promise<string> {
  const res = await t.http.get(`/working-groups/${slug}/channels`).set(user.auth).expect(200);
  const general = (res.body.items as { id: string; kind: string }[]).find((c) => c.kind === 'general');
  if (!general) throw new Error('no general channel');
  return general.id;
}
