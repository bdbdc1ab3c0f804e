/**
 * A cap on concurrent holders per key (e.g. open sockets per user): `acquire` takes a slot named by a holder id
 * unless `max` are taken, `release` gives it back (idempotent).
 */
export interface ConnectionSlots {
  acquire(key: string, holder: string): Promise<boolean>;
  release(key: string, holder: string): Promise<void>;
  /** Gives back this instance's slots and stops background work; later calls are no-ops or local only. */
  close(): Promise<void>;
}

/** One instance, no Redis: the slots are this process's own sockets, so a plain map is exact. */
export class MemoryConnectionSlots implements ConnectionSlots {
  private readonly held = new Map<string, Set<string>>();

  constructor(private readonly max: number) {}

  acquire(key: string, holder: string): Promise<boolean> {
    const holders = this.held.get(key) ?? new Set<string>();
    if (holders.size >= this.max && !holders.has(holder)) return Promise.resolve(false);
    holders.add(holder);
    this.held.set(key, holders);
    return Promise.resolve(true);
  }

  release(key: string, holder: string): Promise<void> {
    const holders = this.held.get(key);
    if (holders?.delete(holder) && holders.size === 0) this.held.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.held.clear();
    return Promise.resolve();
  }
}

/** The node-redis calls the Redis slots need (kept narrow so tests and callers need not name the client type). */
export interface RedisScripting {
  readonly isReady: boolean;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Each key is a sorted set of holders scored by the time their lease runs out; expired leases are dropped before
 * counting. Leases are renewed by the instance holding them every third of `leaseMs`, so a crashed instance's
 * holders lapse after at most `leaseMs` instead of locking a user out forever (which a bare counter would do).
 * Redis's own clock (TIME) is used so that instances with skewed clocks agree.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) == false and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const RENEW = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

const RELEASE = `redis.call('ZREM', KEYS[1], unpack(ARGV)) return 1`;

/**
 * While Redis is unreachable, slots fall back to this instance's own count (as the rate limiters fall back to
 * memory): the cap then holds per instance rather than refusing every socket during an outage.
 */
export class RedisConnectionSlots implements ConnectionSlots {
  /** This instance's holders per Redis key, renewed by the timer and given back on close. */
  private readonly local = new Map<string, Set<string>>();
  private readonly insurance: MemoryConnectionSlots;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly client: RedisScripting,
    private readonly keyPrefix: string,
    private readonly max: number,
    private readonly leaseMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.insurance = new MemoryConnectionSlots(max);
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(leaseMs / 3)));
    this.timer.unref();
  }

  async acquire(key: string, holder: string): Promise<boolean> {
    const redisKey = this.redisKey(key);
    // Not ready: node-redis would queue the command until it reconnects, stalling the handshake meanwhile.
    if (this.closed || !this.client.isReady) return this.insurance.acquire(key, holder);
    let granted: unknown;
    try {
      granted = await this.client.eval(ACQUIRE, {
        keys: [redisKey],
        arguments: [String(this.max), String(this.leaseMs), holder],
      });
    } catch (error) {
      this.onError(error);
      return this.insurance.acquire(key, holder);
    }
    if (Number(granted) !== 1) return false;
    const holders = this.local.get(redisKey) ?? new Set<string>();
    holders.add(holder);
    this.local.set(redisKey, holders);
    return true;
  }

  async release(key: string, holder: string): Promise<void> {
    await this.insurance.release(key, holder);
    const redisKey = this.redisKey(key);
    const holders = this.local.get(redisKey);
    if (!holders?.delete(holder)) return;
    if (holders.size === 0) this.local.delete(redisKey);
    if (this.closed || !this.client.isReady) return; // the lease lapses on its own
    await this.client.eval(RELEASE, { keys: [redisKey], arguments: [holder] }).catch(this.onError);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.insurance.close();
    const held = [...this.local].filter(([, holders]) => holders.size > 0);
    this.local.clear();
    if (!this.client.isReady) return;
    await Promise.all(
      held.map(([redisKey, holders]) =>
        this.client.eval(RELEASE, { keys: [redisKey], arguments: [...holders] }).catch(this.onError),
      ),
    );
  }

  /** Stops renewing without giving anything back: what a crashed instance looks like to the others (tests). */
  abandon(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.local.clear();
  }

  private async renew(): Promise<void> {
    if (this.closed || !this.client.isReady) return;
    for (const [redisKey, holders] of this.local) {
      if (holders.size === 0) continue;
      await this.client
        .eval(RENEW, { keys: [redisKey], arguments: [String(this.leaseMs), ...holders] })
        .catch(this.onError);
    }
  }

  private redisKey(key: string): string {
    return `${this.keyPrefix}:${key}`;
  }
}
