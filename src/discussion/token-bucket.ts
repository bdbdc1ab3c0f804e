/**
 * A token bucket: `burst` tokens at most, refilled at `perSecond`. One per socket, in memory: a socket lives on
 * one instance, so no shared state is needed.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until one token is available (for Retry-After style hints). */
  secondsUntilNext(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}
