import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { channelRoom, userRoom } from './channel-access';

/**
 * How services reach sockets without depending on the gateway: the gateway attaches its namespace at init.
 * Every emit goes through the namespace, so with the Redis adapter it reaches sockets on every instance.
 * Services call it only AFTER their transaction committed.
 */
@Injectable()
export class RealtimeBus {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get server(): Namespace | null {
    return this.namespace;
  }

  toChannel(channelId: string, event: string, payload: unknown): void {
    this.namespace?.to(channelRoom(channelId)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.namespace?.to(userRoom(userId)).emit(event, payload);
  }
}
