import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';

/**
 * Counts login attempts per account and per client IP in the throttler's storage (in memory by default; a
 * shared store can be plugged into ThrottlerModule for several instances). Past a limit, the key is blocked
 * for the rest of the window and the caller gets 429 with Retry-After.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async registerAttempt(email: string, ip: string): Promise<void> {
    const windowMs = this.config.loginLimitWindowSeconds * 1000;
    const checks: [string, number][] = [
      [`login:ip:${ip}`, this.config.loginLimitPerIp],
      [`login:account:${email}`, this.config.loginLimitPerAccount],
    ];
    for (const [key, limit] of checks) {
      const record = await this.storage.increment(key, windowMs, limit, windowMs, 'login');
      if (record.isBlocked) {
        throw new TooManyRequestsError(record.timeToBlockExpire, 'Too many login attempts; try again later.');
      }
    }
  }

  /**
   * A body refused at the parser (too large, too complex, reserved keys) spends one attempt of the client IP's
   * budget: such requests answer before login could count them, and no legitimate client sends them.
   */
  async registerRefusedBody(ip: string): Promise<void> {
    const windowMs = this.config.loginLimitWindowSeconds * 1000;
    const record = await this.storage.increment(
      `login:ip:${ip}`,
      windowMs,
      this.config.loginLimitPerIp,
      windowMs,
      'login',
    );
    if (record.isBlocked) {
      throw new TooManyRequestsError(record.timeToBlockExpire, 'Too many refused requests; try again later.');
    }
  }
}
