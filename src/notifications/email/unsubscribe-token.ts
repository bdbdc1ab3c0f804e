import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationKind } from '../notifications.enums';

/** How long an unsubscribe link works (a link in an old email should not work forever). */
export const UNSUBSCRIBE_TOKEN_DAYS = 90;
const DAY_MS = 86_400_000;
const KINDS = new Set<string>(Object.values(NotificationKind));

/** What a link unsubscribes from: one kind, or every email (`all`, the digests' links). */
export interface UnsubscribeClaim {
  userId: string;
  kind: NotificationKind | 'all';
  expiresAt: Date;
}

export type VerifiedToken =
  { ok: true; claim: UnsubscribeClaim } | { ok: false; reason: 'forged' | 'expired' };

/**
 * `<payload>.<signature>`, both base64url: the payload is `userId|kind|expiry (unix seconds)`, the signature its
 * HMAC-SHA256 under a server secret. No row is stored: the link proves itself, and it names nothing but a user id.
 */
export class UnsubscribeTokens {
  constructor(private readonly secret: string) {}

  sign(userId: string, kind: NotificationKind | 'all', now: Date): string {
    const expiry = Math.floor((now.getTime() + UNSUBSCRIBE_TOKEN_DAYS * DAY_MS) / 1000);
    const payload = Buffer.from(`${userId}|${kind}|${expiry}`).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: string, now: Date): VerifiedToken {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'forged' };
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { ok: false, reason: 'forged' };
    const [userId, kind, expiry] = Buffer.from(payload, 'base64url').toString('utf8').split('|');
    const expiresAt = new Date(Number(expiry) * 1000);
    if (!userId || !kind || (kind !== 'all' && !KINDS.has(kind)) || Number.isNaN(expiresAt.getTime()))
      return { ok: false, reason: 'forged' };
    if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claim: { userId, kind: kind as NotificationKind | 'all', expiresAt } };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  /** NOTIFICATION_TOKEN_SECRET, or a key derived from the JWT secret (so no new secret is required). */
  static secretFrom(config: { notificationTokenSecret?: string; requireJwtSecret(): string }): string {
    return (
      config.notificationTokenSecret ??
      createHmac('sha256', config.requireJwtSecret()).update('convene:unsubscribe-links').digest('base64url')
    );
  }
}
