import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { AppConfig } from '../../config/app-config';
import { TooManyRequestsError } from '../errors/domain-error';
import { ConnectionSlots, MemoryConnectionSlots, RedisConnectionSlots } from './connection-slots';

/** A fixed window: at most `points` per `durationSeconds`, counted from the first use of a key in the window. */
export interface WindowLimit {
  points: number;
  durationSeconds: number;
  /** The refusal's detail, e.g. "Too many login attempts; try again later." */
  detail: string;
}

/** One limit, keyed per caller (account, IP, user...). */
export class Limiter {
  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly detail: string,
  ) {}

  /**
   * Counts one use of `key`; past the limit, 429 `rate.limited` with the seconds until the window ends. `detail`
   * lets several kinds of use share one budget (one limiter: a second one would not share a memory store).
   */
  async consume(key: string, detail = this.detail): Promise<void> {
    try {
      await this.store.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new TooManyRequestsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)), detail);
      }
      throw rejection;
    }
  }
}

/**
 * A token bucket (`perSecond` refill, `burst` capacity) as the fixed window the limiter stores support: `burst`
 * uses (at least one second's worth) per the time the bucket takes to refill. The average rate is the same; at a
 * window edge up to twice the burst can pass, which is what a shared counter buys over a per-process bucket.
 */
export function bucketAsWindow(perSecond: number, burst: number): Omit<WindowLimit, 'detail'> {
  const points = Math.max(burst, perSecond);
  return { points, durationSeconds: Math.max(1, Math.round(points / perSecond)) };
}

/** How long a connection slot held in Redis outlives an instance that stopped renewing it (crashed). */
export const CONNECTION_LEASE_MS = 60_000;

/** The Redis connection must not hold up boot forever; limits use memory until it is ready. */
const CONNECT_WAIT_MS = 5_000;

/**
 * The one place that builds rate limiters and connection caps. Without REDIS_URL they live in this process's
 * memory (exact for a single instance); with it, in Redis under REDIS_KEY_PREFIX, shared by every instance of the
 * deployment, so that brute force cannot spread over instances. Should Redis be unreachable, each limiter falls
 * back to an in-memory one of the same size (`insuranceLimiter`): limits then hold per instance rather than
 * failing every request.
 */
@Injectable()
export class RateLimiters implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiters.name);
  private readonly redis: ReturnType<typeof createClient> | null;
  private readonly keyBase: string;
  private readonly slots: ConnectionSlots[] = [];

  constructor(config: AppConfig) {
    this.keyBase = config.redisKeyPrefix ?? 'convene';
    this.redis = config.redisUrl ? createClient({ url: config.redisUrl }) : null;
    this.redis?.on('error', (error: unknown) => this.logger.error(`redis: ${String(error)}`));
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    const connecting = this.redis.connect().then(
      () => undefined,
      (error: unknown) => this.logger.error(`redis connect: ${String(error)}`),
    );
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, CONNECT_WAIT_MS).unref())]);
  }

  /** `name` keeps the keys of different limits apart (`<prefix>:rl:<name>:<key>`). */
  window(name: string, limit: WindowLimit): Limiter {
    const options = {
      keyPrefix: `${this.keyBase}:rl:${name}`,
      points: limit.points,
      duration: limit.durationSeconds,
    };
    const memory = new RateLimiterMemory(options);
    if (!this.redis) return new Limiter(memory, limit.detail);
    const shared = new RateLimiterRedis({
      ...options,
      storeClient: this.redis,
      useRedisPackage: true,
      // Otherwise node-redis queues commands while disconnected and the request waits for the reconnect.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
    return new Limiter(shared, limit.detail);
  }

  /** At most `max` concurrent holders per key, e.g. open sockets per user (`<prefix>:conn:<name>:<key>`). */
  connectionSlots(name: string, max: number, leaseMs = CONNECTION_LEASE_MS): ConnectionSlots {
    const slots = this.redis
      ? new RedisConnectionSlots(this.redis, `${this.keyBase}:conn:${name}`, max, leaseMs, (error: unknown) =>
          this.logger.warn(`connection slots: ${String(error)}`),
        )
      : new MemoryConnectionSlots(max);
    this.slots.push(slots);
    return slots;
  }

  /** After the sockets have closed (Nest disposes the socket server before this hook): give slots back, disconnect. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((slots) => slots.close()));
    if (this.redis?.isOpen) await this.redis.close().catch(() => this.redis?.destroy());
  }
}
