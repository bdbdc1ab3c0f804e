/**
 * socket.io client pieces shared by the socket scenarios (bench/socket-scenarios.ts, bench/socket-children.ts),
 * identical for the bare socket.io baseline and for Convene.
 */
import { io, Socket } from 'socket.io-client';

/** What a `message:new` (and a send ack's `message`) carries that the harness reads. */
export interface WireMessage {
  seq: number;
  body: string;
  clientMessageId: string;
}

const ACK_TIMEOUT_MS = 30_000;

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
