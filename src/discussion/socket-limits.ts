import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { bucketAsWindow, Limiter, RateLimiters } from '../common/rate-limit/rate-limiters';
import { ConnectionSlots } from '../common/rate-limit/connection-slots';
import { AppConfig } from '../config/app-config';
import { TokenBucket } from './token-bucket';

/** A client refused for holding too many sockets should wait before trying again rather than spin. */
export const CONNECTION_RETRY_SECONDS = 10;

/**
 * Every limit on the /discussion namespace. Writes are limited per connection (a TokenBucket in the socket's
 * data: a socket lives on one instance) and per user over all of the user's sockets; joins (each may read a
 * replay page) and read markers per user; open sockets per user. The per-user limits are shared by all
 * instances when REDIS_URL is set (RateLimiters), so neither more sockets nor more instances buy more.
 */
@Injectable()
export class SocketLimits {
  private readonly userWrites: Limiter;
  private readonly userJoins: Limiter;
  private readonly userReads: Limiter;
  private readonly connections: ConnectionSlots;

  constructor(
    limiters: RateLimiters,
    private readonly config: AppConfig,
  ) {
    this.userWrites = limiters.window('socket-user-writes', {
      ...bucketAsWindow(config.socketUserRatePerSecond, config.socketUserRateBurst),
      detail: 'Too many messages from this account; slow down.',
    });
    this.userJoins = limiters.window('socket-user-joins', {
      points: config.socketUserJoinsPerMinute,
      durationSeconds: 60,
      detail: 'Too many channel joins from this account; slow down.',
    });
    this.userReads = limiters.window('socket-user-reads', {
      points: config.socketUserReadsPerMinute,
      durationSeconds: 60,
      detail: 'Too many read markers from this account; slow down.',
    });
    this.connections = limiters.connectionSlots('socket-user', config.socketMaxConnectionsPerUser);
  }

  connectionBucket(): TokenBucket {
    return new TokenBucket(this.config.socketRatePerSecond, this.config.socketRateBurst);
  }

  /**
   * The connection first (local and free), then the user (possibly a Redis round trip): a write the socket's own
   * bucket refuses does not use up the user's allowance for its other sockets.
   */
  async write(userId: string, bucket: TokenBucket): Promise<void> {
    if (!bucket.take()) {
      throw new TooManyRequestsError(
        bucket.secondsUntilNext(),
        'Too many messages from this connection; slow down.',
      );
    }
    await this.userWrites.consume(userId);
  }

  join(userId: string): Promise<void> {
    return this.userJoins.consume(userId);
  }

  read(userId: string): Promise<void> {
    return this.userReads.consume(userId);
  }

  /** Takes one of the user's connection slots for `socketId`; false when all are in use. */
  openConnection(userId: string, socketId: string): Promise<boolean> {
    return this.connections.acquire(userId, socketId);
  }

  closeConnection(userId: string, socketId: string): Promise<void> {
    return this.connections.release(userId, socketId);
  }

  tooManyConnections(): TooManyRequestsError {
    return new TooManyRequestsError(
      CONNECTION_RETRY_SECONDS,
      `This account already has ${this.config.socketMaxConnectionsPerUser} open connections; close one first.`,
    );
  }
}
