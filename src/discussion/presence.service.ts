import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { channelRoom } from './channel-access';
import { RealtimeBus } from './realtime-bus';

export interface SocketData {
  user: { id: string };
}

/**
 * Presence per channel, derived from the room itself rather than from counters: a user is online in a channel
 * while at least one of their sockets is in its room. `fetchSockets()` asks every instance when the Redis adapter
 * is on, so several tabs and several instances count correctly; online is announced for the first socket only,
 * offline when the last one leaves or disconnects.
 */
@Injectable()
export class PresenceService {
  constructor(private readonly bus: RealtimeBus) {}

  async online(channelId: string): Promise<string[]> {
    const sockets = await this.bus.server?.in(channelRoom(channelId)).fetchSockets();
    return [...new Set((sockets ?? []).map((s) => (s.data as SocketData).user.id))];
  }

  private async userHasOtherSocket(
    channelId: string,
    userId: string,
    exceptSocketId: string,
  ): Promise<boolean> {
    const sockets = (await this.bus.server?.in(channelRoom(channelId)).fetchSockets()) ?? [];
    return sockets.some((s) => s.id !== exceptSocketId && (s.data as SocketData).user.id === userId);
  }

  async join(socket: Socket, channelId: string): Promise<void> {
    const userId = (socket.data as SocketData).user.id;
    const room = channelRoom(channelId);
    if (socket.rooms.has(room)) return;
    const alreadyOnline = await this.userHasOtherSocket(channelId, userId, socket.id);
    await socket.join(room);
    if (!alreadyOnline) socket.to(room).emit('presence', { channelId, userId, state: 'online' });
  }

  async leave(socket: Socket, channelId: string): Promise<void> {
    const room = channelRoom(channelId);
    if (!socket.rooms.has(room)) return;
    await socket.leave(room);
    await this.announceOfflineIfLast(channelId, (socket.data as SocketData).user.id, socket.id);
  }

  async announceOfflineIfLast(channelId: string, userId: string, exceptSocketId: string): Promise<void> {
    if (!(await this.userHasOtherSocket(channelId, userId, exceptSocketId))) {
      this.bus.toChannel(channelId, 'presence', { channelId, userId, state: 'offline' });
    }
  }
}
