/**
 * The baseline: a bare socket.io server (no auth, no validation, no database) that does what the Convene
 * gateway does on the wire: `channel:join` joins a room; `message:send` takes the next in-memory seq,
 * broadcasts `message:new` to the room, then acknowledges. Run as a process of its own (bench/processes.ts's
 * startPlainChild, as plain JavaScript), it prints `listening on <url>`.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

type AckFn = (answer: Record<string, unknown>) => void;

export async function startBareServer(): Promise<BareServer> {
  const http = createServer();
  const server = new Server(http, { serveClient: false });
  const lastSeq = new Map<string, number>();
  server.on('connection', (socket) => {
    socket.on('channel:join', (payload: { channelId: string }, ack: AckFn) => {
      void socket.join(`channel:${payload.channelId}`);
      ack({ ok: true });
    });
    socket.on(
      'message:send',
      (payload: { channelId: string; clientMessageId: string; body: string }, ack: AckFn) => {
        const seq = (lastSeq.get(payload.channelId) ?? 0) + 1;
        lastSeq.set(payload.channelId, seq);
        const message = {
          id: randomUUID(),
          channelId: payload.channelId,
          seq,
          body: payload.body,
          clientMessageId: payload.clientMessageId,
          createdAt: new Date().toISOString(),
        };
        server.to(`channel:${payload.channelId}`).emit('message:new', message);
        ack({ ok: true, message });
      },
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => server.close(),
  };
}

if (require.main === module) {
  void startBareServer().then((server) => process.stdout.write(`listening on ${server.url}\n`));
}
