import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
import { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';

/** Socket payloads are small JSON; anything larger is refused by the transport before it is parsed. */
export const SOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Browsers send Origin; a page from a site not in CORS_ORIGINS must not open a socket with a user's token.
 * Non-browser clients send none and are allowed (they cannot be forged into acting for a user anyway).
 */
export function originAllowed(origin: string | undefined, allowlist: string[]): boolean {
  if (origin === undefined || origin === '') return true;
  return allowlist.includes(origin);
}

interface ClosableClient {
  isOpen: boolean;
  close(): Promise<void>;
  destroy(): void;
}

/**
 * The Redis adapter publishes some requests (e.g. `fetchSockets`, which presence uses when a socket disconnects)
 * from inside a Promise executor without handling the publish's own rejection: a publish that starts while the
 * clients are being closed at shutdown becomes an unhandled rejection ("The client is closed") that can take the
 * process down. Publishing through this wrapper turns such a failure into a warning; the adapter's request then
 * ends by its own time-out, which the caller handles.
 */
export function publishingSafely<C extends object>(client: C, logger: Pick<Logger, 'warn'>): C {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== 'publish' && property !== 'sPublish') return bound;
      return (...args: unknown[]) =>
        Promise.resolve(bound(...args)).catch((error: unknown) => {
          logger.warn(`redis publish failed: ${String(error)}`);
          return 0;
        });
    },
  });
}

/**
 * socket.io server options for every gateway: bounded payloads, Origin allowlist, and with REDIS_URL the Redis
 * adapter so that rooms (channels, per-user rooms) span every instance.
 */
export class DiscussionIoAdapter extends IoAdapter {
  private readonly logger = new Logger(DiscussionIoAdapter.name);
  private readonly redisClients: ClosableClient[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowlist = this.config.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: SOCKET_MAX_PAYLOAD_BYTES,
      cors: { origin: allowlist.length > 0 ? allowlist : false, credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) =>
        callback(null, originAllowed(req.headers.origin, allowlist)),
    }) as Server;
    if (this.config.redisUrl) server.adapter(this.redisAdapter(this.config.redisUrl));
    return server;
  }

  private redisAdapter(url: string): ReturnType<typeof createAdapter> {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) {
      client.on('error', (error: unknown) => this.logger.error(`redis: ${String(error)}`));
      // Commands issued before the connection is ready are queued by the client, not lost.
      client.connect().catch((error: unknown) => this.logger.error(`redis connect: ${String(error)}`));
      this.redisClients.push(client);
    }
    return createAdapter(publishingSafely(pub, this.logger), sub, {
      key: this.config.redisKeyPrefix ?? 'convene:socket.io',
    });
  }

  /**
   * One plain listener per handler and socket. Nest's IoAdapter builds, for every socket, an rxjs pipeline per
   * subscribed event (fromEvent → mergeMap → takeUntil(disconnect$), each with its subscribers) that lives as
   * long as the socket: with this gateway's events that is most of an idle socket's memory. Here the per-call
   * Observable Nest hands back is subscribed once per event and then dropped; the ack is called with the response
   * as IoAdapter does (a `{ event, data }` response is emitted instead). A listener of a closed socket is never
   * called again, which is what takeUntil(disconnect$) gave.
   */
  override bindMessageHandlers(
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args) as { data: unknown; ack?: unknown };
        transform(callback(data, ack)).subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const event = response as { event?: string; data?: unknown };
            if (event.event) socket.emit(event.event, event.data);
            else if (!isAckHandledManually && typeof ack === 'function')
              (ack as (r: unknown) => void)(response);
          },
          error: (error: unknown) => this.logger.error(`socket handler ${String(message)}: ${String(error)}`),
        });
      });
    }
  }

  override async dispose(): Promise<void> {
    await Promise.all(
      this.redisClients.splice(0).map(async (client) => {
        if (client.isOpen) await client.close().catch(() => client.destroy());
      }),
    );
  }
}
