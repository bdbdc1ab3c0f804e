import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
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
    return createAdapter(pub, sub, { key: this.config.redisKeyPrefix ?? 'convene:socket.io' });
  }

  override async dispose(): Promise<void> {
    await Promise.all(
      this.redisClients.splice(0).map(async (client) => {
        if (client.isOpen) await client.close().catch(() => client.destroy());
      }),
    );
  }
}
