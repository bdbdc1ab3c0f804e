import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Limiter, RateLimiters } from '../common/rate-limit/rate-limiters';
import { AppConfig } from '../config/app-config';

/**
 * Throttles the anonymous account routes in fixed windows (RateLimiters: in memory, or in Redis shared by every
 * instance when REDIS_URL is set). Login: every attempt counts, per client IP (spraying many accounts) and per
 * account (guessing one password from many IPs). Registration: per client IP, which also bounds how fast
 * `auth.email_taken` can be used to test addresses (docs/decisions/0007-registration-enumeration.md). Past a
 * limit the caller gets 429 with Retry-After until the window ends.
 */
@Injectable()
export class LoginThrottleService {
  private readonly loginPerIp: Limiter;
  private readonly loginPerAccount: Limiter;
  private readonly registerPerIp: Limiter;

  constructor(limiters: RateLimiters, config: AppConfig) {
    const loginWindow = config.loginLimitWindowSeconds;
    const tooManyLogins = 'Too many login attempts; try again later.';
    this.loginPerIp = limiters.window('login-ip', {
      points: config.loginLimitPerIp,
      durationSeconds: loginWindow,
      detail: tooManyLogins,
    });
    this.loginPerAccount = limiters.window('login-account', {
      points: config.loginLimitPerAccount,
      durationSeconds: loginWindow,
      detail: tooManyLogins,
    });
    this.registerPerIp = limiters.window('register-ip', {
      points: config.registerLimitPerIp,
      durationSeconds: config.registerLimitWindowSeconds,
      detail: 'Too many registrations from this address; try again later.',
    });
  }

  async registerAttempt(email: string, ip: string): Promise<void> {
    await this.loginPerIp.consume(ip);
    // Hashed so that a shared Redis holds no email addresses.
    await this.loginPerAccount.consume(createHash('sha256').update(email).digest('base64url'));
  }

  registrationAttempt(ip: string): Promise<void> {
    return this.registerPerIp.consume(ip);
  }

  /**
   * A body refused at the parser (too large, too complex, reserved keys) spends one attempt of the client IP's
   * budget: such requests answer before login could count them, and no legitimate client sends them.
   */
  registerRefusedBody(ip: string): Promise<void> {
    return this.loginPerIp.consume(ip, 'Too many refused requests; try again later.');
  }
}
