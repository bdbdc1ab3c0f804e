import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { channelRoom, userRoom } from './channel-access';
import { RealtimeBus } from './realtime-bus';

export interface SocketData {
  user: { id: string };
}

/**
 * Above this many sockets in a channel's room, joins and leaves are no longer announced to the room, and a join's
 * ack lists at most this many online users (`onlineCount` has them all): announcing every arrival to everyone is
 * quadratic in the room's size (a plenary of 5,000 opening at once is 12.5 million `presence` packets), the way
 * large Discord servers and Slack channels stop pushing member presence. Decision 0021.
 */
export const PRESENCE_LIVE_MAX = 500;

export interface OnlineSnapshot {
  /** Users with a socket in the channel's room, at most PRESENCE_LIVE_MAX of them. */
  online: string[];
  onlineCount: number;
  /** Whether `presence` events follow for this channel (false above PRESENCE_LIVE_MAX sockets). */
  presenceLive: boolean;
}

/**
 * Presence per channel, derived from the rooms themselves rather than from counters: a user is online in a
 * channel while at least one of their sockets is in its room. With the Redis adapter, `fetchSockets()` asks every
 * instance, so several tabs and several instances count correctly; online is announced for the first socket
 * only, offline when the last one leaves or disconnects. Whether a user has another socket in the channel is
 * read from the user's own room (their few sockets), never from the channel's; on one instance (no Redis) the
 * channel's online list is read from the in-memory adapter's room directly, without building a RemoteSocket per
 * member for every join.
 */
@Injectable()
export class PresenceService {
  private readonly clustered: boolean;

  constructor(
    private readonly bus: RealtimeBus,
    config: AppConfig,
  ) {
    this.clustered = Boolean(config.redisUrl);
  }

  async online(channelId: string): Promise<OnlineSnapshot> {
    const users = await this.usersIn(channelRoom(channelId));
    const roomSize = users.sockets;
    const ids = [...users.ids];
    return {
      online: ids.slice(0, PRESENCE_LIVE_MAX),
      onlineCount: ids.length,
      presenceLive: roomSize <= PRESENCE_LIVE_MAX,
    };
  }

  async join(socket: Socket, channelId: string): Promise<void> {
    const userId = (socket.data as SocketData).user.id;
    const room = channelRoom(channelId);
    if (socket.rooms.has(room)) return;
    const alreadyOnline = await this.userHasOtherSocket(channelId, userId, socket.id);
    await socket.join(room);
    if (!alreadyOnline && (await this.live(room))) {
      socket.to(room).emit('presence', { channelId, userId, state: 'online' });
    }
  }

  async leave(socket: Socket, channelId: string): Promise<void> {
    const room = channelRoom(channelId);
    if (!socket.rooms.has(room)) return;
    await socket.leave(room);
    await this.announceOfflineIfLast(channelId, (socket.data as SocketData).user.id, socket.id);
  }

  async announceOfflineIfLast(channelId: string, userId: string, exceptSocketId: string): Promise<void> {
    if (await this.userHasOtherSocket(channelId, userId, exceptSocketId)) return;
    if (await this.live(channelRoom(channelId))) {
      this.bus.toChannel(channelId, 'presence', { channelId, userId, state: 'offline' });
    }
  }

  /** Whether the room is small enough for its joins and leaves to be announced. */
  private async live(room: string): Promise<boolean> {
    const server = this.bus.server;
    if (!server) return false;
    if (!this.clustered) return (server.adapter.rooms.get(room)?.size ?? 0) <= PRESENCE_LIVE_MAX;
    return (await server.in(room).fetchSockets()).length <= PRESENCE_LIVE_MAX;
  }

  private async userHasOtherSocket(
    channelId: string,
    userId: string,
    exceptSocketId: string,
  ): Promise<boolean> {
    const own = (await this.bus.server?.in(userRoom(userId)).fetchSockets()) ?? [];
    const room = channelRoom(channelId);
    return own.some((s) => s.id !== exceptSocketId && s.rooms.has(room));
  }

  private async usersIn(room: string): Promise<{ ids: Set<string>; sockets: number }> {
    const server = this.bus.server;
    const ids = new Set<string>();
    if (!server) return { ids, sockets: 0 };
    if (!this.clustered) {
      const socketIds = server.adapter.rooms.get(room) ?? new Set<string>();
      for (const id of socketIds) {
        const user = (server.sockets.get(id)?.data as SocketData | undefined)?.user;
        if (user) ids.add(user.id);
      }
      return { ids, sockets: socketIds.size };
    }
    const sockets = await server.in(room).fetchSockets();
    for (const s of sockets) ids.add((s.data as SocketData).user.id);
    return { ids, sockets: sockets.length };
  }
}
