import type { Socket } from 'socket.io';
import type { AuthUser } from '../common/auth/auth-user';
import type { SenderCache } from './messages.service';
import type { TokenBucket } from './token-bucket';

/** What the `/discussion` gateway keeps per socket, and the shape of its acks (split from the gateway for size). */

export type Ack =
  | ({ ok: true } & Record<string, unknown>)
  | {
      ok: false;
      error: {
        status: number;
        title: string;
        detail: string;
        code?: string;
        errors?: unknown;
        errorCount?: number;
        retryAfterSeconds?: number;
      };
    };

export type AckErrorBody = Extract<Ack, { ok: false }>['error'];

export interface DiscussionSocketData {
  user: AuthUser;
  bucket: TokenBucket;
  /** Channels the user was found allowed to read, with their group (MessagesService's SenderCache). */
  readable: Map<string, string>;
}

/** Bounds a socket's `readable` map; past it the map starts over (the database answers again). */
const READABLE_CACHE_MAX = 1_000;

export const senderCache = (data: DiscussionSocketData): SenderCache => ({
  get: (channelId) => data.readable.get(channelId),
  remember: (channelId, groupId) => {
    if (data.readable.size >= READABLE_CACHE_MAX) data.readable.clear();
    data.readable.set(channelId, groupId);
  },
});

export const dataOf = (socket: Socket): DiscussionSocketData => socket.data as DiscussionSocketData;
