import { NotificationKind } from '../notifications.enums';
import { UNSUBSCRIBE_TOKEN_DAYS, UnsubscribeTokens } from './unsubscribe-token';

const USER = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';
const DAY = 86_400_000;

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens('a-secret-that-is-long-enough-0123456789');
  const now = new Date('2026-12-01T12:00:00Z');
  const expiry = new Date(now.getTime() + UNSUBSCRIBE_TOKEN_DAYS * DAY);

  it('verifies what it signed, naming the user and the kind, until it expires', () => {
    const token = tokens.sign(USER, NotificationKind.Mention, now);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(tokens.verify(token, new Date(expiry.getTime() - 1000))).toEqual({
      ok: true,
      claim: { userId: USER, kind: 'mention', expiresAt: expiry },
    });
    expect(tokens.verify(token, expiry)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.verify(tokens.sign(USER, 'all', now), now)).toMatchObject({
      ok: true,
      claim: { kind: 'all' },
    });
  });

  it('calls forged whatever another key signed, or was changed, or is not a token', () => {
    const token = tokens.sign(USER, NotificationKind.Mention, now);
    const other = new UnsubscribeTokens('another-secret-that-is-long-enough-0123');
    const [, signature] = token.split('.');
    const changed = `${Buffer.from(`${USER}|all|9999999999`).toString('base64url')}.${signature}`;
    const payload = Buffer.from(`${USER}|gossip|9999999999`).toString('base64url');
    const unknownKind = `${payload}.${(tokens as unknown as { mac(p: string): string }).mac(payload)}`;
    const forged = [
      other.sign(USER, NotificationKind.Mention, now),
      changed,
      unknownKind,
      '',
      '.',
      'a.b.c',
      token.slice(0, -1),
    ];
    for (const value of forged) expect(tokens.verify(value, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('derives its key from the JWT secret when no token secret is configured', () => {
    const derived = UnsubscribeTokens.secretFrom({ requireJwtSecret: () => 'jwt-secret' });
    expect(derived).not.toBe('jwt-secret');
    expect(derived).toHaveLength(43);
    const configured = 'x'.repeat(32);
    expect(
      UnsubscribeTokens.secretFrom({ notificationTokenSecret: configured, requireJwtSecret: () => 'j' }),
    ).toBe(configured);
  });
});
