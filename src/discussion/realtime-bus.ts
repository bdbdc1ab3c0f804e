import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { channelRoom, userRoom } from './channel-access';

/**
 * How services reach sockets without depending on the gateway: the gateway attaches its namespace at init.
 * Every emit goes through the namespace, so with the Redis adapter it reaches sockets on every instance.
 * Services call it only AFTER their transaction committed. Once the application starts shutting down it goes
 * quiet (sockets closing would otherwise publish presence to a Redis client that is being closed): after the
 * destroy hooks, in which the gateway lets the events it is handling finish, so their broadcasts still leave.
 * DiscussionModule exports it (eslint.boundaries.mjs EXTRA_PUBLIC): the notifications context pushes through it.
 */
@Injectable()
export class RealtimeBus implements BeforeApplicationShutdown {
  private namespace: Namespace | null = null;
  private closing = false;

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get server(): Namespace | null {
    return this.closing ? null : this.namespace;
  }

  toChannel(channelId: string, event: string, payload: unknown): void {
    this.server?.to(channelRoom(channelId)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.server?.to(userRoom(userId)).emit(event, payload);
  }

  /**
   * To the user's sockets connected to THIS instance only (not through the Redis adapter): for events that every
   * instance produces for its own sockets (a notification announced by PostgreSQL to each instance's listener),
   * which a cluster-wide emit would deliver once per instance. `hasLocalSockets` says whether there is anyone.
   */
  hasLocalSockets(userId: string): boolean {
    return (this.server?.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0;
  }

  toUserLocally(userId: string, event: string, payload: unknown): void {
    this.server?.local.to(userRoom(userId)).emit(event, payload);
  }
}
