/**
 * A receiver-only socket.io client for the bench's receiver processes: the Engine.IO v4 / Socket.IO v5 wire
 * protocol over a plain `ws` websocket (connect to a namespace with auth, events with acks, answering pings),
 * without socket.io-client's managers, emitters and decoders. At 5,000 receivers × 20 msg/s the receivers take
 * 100,000 deliveries a second on the same two cores as the server; socket.io-client's per-packet layers made them
 * nearly a core of it (docs/performance.md), CPU the server under test then did not have. The senders keep
 * socket.io-client (bench/fanout-harness.ts): a few sockets, where a full client costs nothing.
 */
import WebSocket from 'ws';

const ACK_TIMEOUT_MS = 30_000;

/** Engine.IO packet types (first character of a frame) and Socket.IO packet types (the next one). */
const EIO_OPEN = '0';
const EIO_PING = '2';
const EIO_PONG = '3';
const EIO_MESSAGE = '4';
const SIO_CONNECT = '0';
const SIO_EVENT = '2';
const SIO_ACK = '3';
const SIO_CONNECT_ERROR = '4';

export class LeanReceiver {
  private nextAckId = 0;
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  private readonly handlers = new Map<string, (payload: unknown) => void>();

  private constructor(
    private readonly ws: WebSocket,
    /** `"/discussion,"`, or `""` for the root namespace: what prefixes every Socket.IO packet of this socket. */
    private readonly nsp: string,
  ) {}

  /** `url` is the socket.io URL with its namespace (`http://host:port/discussion`), as socket.io-client takes it. */
  static connect(url: string, auth?: Record<string, string>): Promise<LeanReceiver> {
    const parsed = new URL(url);
    const namespace = parsed.pathname === '/' || parsed.pathname === '' ? '' : `${parsed.pathname},`;
    const ws = new WebSocket(`ws://${parsed.host}/socket.io/?EIO=4&transport=websocket`);
    const client = new LeanReceiver(ws, namespace);
    return new Promise((resolve, reject) => {
      let connected = false;
      ws.on('error', (error) => {
        if (!connected) reject(error);
      });
      ws.on('close', () => {
        if (!connected) reject(new Error('closed before the namespace connected'));
      });
      ws.on('message', (data: Buffer) => {
        const frame = data.toString();
        const type = frame[0];
        if (type === EIO_PING) return ws.send(EIO_PONG);
        if (type === EIO_OPEN)
          return ws.send(`${EIO_MESSAGE}${SIO_CONNECT}${namespace}${JSON.stringify(auth ?? {})}`);
        if (type !== EIO_MESSAGE) return;
        const packetType = frame[1];
        if (!connected) {
          if (packetType === SIO_CONNECT) {
            connected = true;
            resolve(client);
          } else if (packetType === SIO_CONNECT_ERROR) {
            reject(new Error(`connect refused: ${frame.slice(2 + namespace.length)}`));
            ws.close();
          }
          return;
        }
        client.onPacket(packetType, frame.slice(2 + namespace.length));
      });
    });
  }

  /** Called with each `event`'s first argument. */
  on(event: string, handler: (payload: unknown) => void): void {
    this.handlers.set(event, handler);
  }

  /** Like the harness's emitOk: resolves with the ack's first argument when it says `ok`, rejects otherwise. */
  emitOk<T>(event: string, payload: unknown): Promise<T> {
    const id = this.nextAckId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`${event}: no ack within ${ACK_TIMEOUT_MS} ms`));
      }, ACK_TIMEOUT_MS);
      this.acks.set(id, ([answer]) => {
        clearTimeout(timer);
        const ack = answer as { ok?: boolean; error?: unknown };
        if (ack?.ok) resolve(ack as T);
        else reject(new Error(`${event} refused: ${JSON.stringify(ack?.error)}`));
      });
      this.ws.send(`${EIO_MESSAGE}${SIO_EVENT}${this.nsp}${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.close();
  }

  private onPacket(type: string, body: string): void {
    if (type === SIO_EVENT) {
      // No ack id on server → client events here: the body is the JSON array itself.
      const [event, payload] = JSON.parse(body) as [string, unknown];
      this.handlers.get(event)?.(payload);
    } else if (type === SIO_ACK) {
      const bracket = body.indexOf('[');
      const id = Number(body.slice(0, bracket));
      const resolve = this.acks.get(id);
      this.acks.delete(id);
      resolve?.(JSON.parse(body.slice(bracket)) as unknown[]);
    }
  }
}
