import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { channelRoom, userRoom } from './channel-access';

/**
 * How services reach sockets without depending on the gateway: the gateway attaches its namespace at init.
 * Every emit goes through the namespace, so with the Redis adapter it reaches sockets on every instance.
 * Services call it only AFTER their transaction committed. Once the application starts shutting down it goes
 * quiet (sockets closing would otherwise publish presence to a Redis client that is being closed): after the
 * destroy hooks, in which the gateway lets the events it is handling finish, so their broadcasts still leave.
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
}
