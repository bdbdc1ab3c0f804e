import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AuthSession } from './entities/auth-session.entity';
import { hashRefreshToken, newRefreshToken, TokensService } from './tokens.service';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';

function service(ttlSeconds = 900): TokensService {
  const config = AppConfig.fromEnv({}, { jwtSecret: SECRET, accessTokenTtlSeconds: ttlSeconds });
  return new TokensService(new JwtService({ secret: SECRET }), config);
}

describe('refresh tokens', () => {
  it('are 256-bit URL-safe random strings, never repeated', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newRefreshToken()));
    expect(tokens.size).toBe(1000);
    for (const token of [...tokens].slice(0, 10)) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as a SHA-256 that does not reveal the token', () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toContain(token);
  });
});

describe('sessions', () => {
  it('are active until revoked or past their absolute expiry', () => {
    const session = Object.assign(new AuthSession(), { expiresAt: new Date(Date.now() + 60_000) });
    expect(session.isActive()).toBe(true);
    expect(session.isActive(new Date(Date.now() + 120_000))).toBe(false);
    session.revokedAt = new Date();
    expect(session.isActive()).toBe(false);
  });
});

describe('TokensService', () => {
  it('signs access tokens that verify and carry subject and session', async () => {
    const tokens = service();
    const jwt = await tokens.signAccessToken({ sub: 'user-1', sid: 'session-1' });
    await expect(tokens.verifyAccessToken(jwt)).resolves.toMatchObject({ sub: 'user-1', sid: 'session-1' });
    const [, payload] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('refuses alg none, another key and tampered claims', async () => {
    const tokens = service();
    const jwt = await tokens.signAccessToken({ sub: 'user-1', sid: 'session-1' });
    const [header, payload, signature] = jwt.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const otherKey = await new JwtService({ secret: 'another-secret-another-secret-another' }).signAsync({
      sub: 'user-1',
      sid: 's',
    });
    const tampered = `${header}.${Buffer.from('{"sub":"admin","sid":"session-1"}').toString('base64url')}.${signature}`;
    for (const bad of [none, otherKey, tampered, 'not.a.jwt'])
      await expect(tokens.verifyAccessToken(bad)).resolves.toBeNull();
  });

  it('signs iss and aud, and refuses a correctly signed token missing exp, iat, iss or aud, or naming others', async () => {
    const tokens = service();
    const [, payload] = (await tokens.signAccessToken({ sub: 'user-1', sid: 'session-1' })).split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      iss: 'convene',
      aud: 'convene-api',
    });
    const now = Math.floor(Date.now() / 1000);
    const full = { sub: 'u', sid: 's', iat: now, exp: now + 600, iss: 'convene', aud: 'convene-api' };
    // jsonwebtoken.sign adds iat unless told not to, so a token without it is built with noTimestamp.
    const sign = (claims: object, noTimestamp = false) =>
      new JwtService({ secret: SECRET }).signAsync(claims, { noTimestamp });
    const { exp: _exp, ...noExp } = full;
    const { iat: _iat, ...noIat } = full;
    const { iss: _iss, ...noIss } = full;
    const { aud: _aud, ...noAud } = full;
    const bad = [
      await sign(noExp),
      await sign(noIat, true),
      await sign(noIss),
      await sign(noAud),
      await sign({ ...full, iss: 'someone-else' }),
      await sign({ ...full, aud: 'another-api' }),
    ];
    for (const token of bad) await expect(tokens.verifyAccessToken(token)).resolves.toBeNull();
    await expect(tokens.verifyAccessToken(await sign(full))).resolves.toMatchObject({ sub: 'u', sid: 's' });
  });

  it('refuses an expired token', async () => {
    const expired = await new JwtService({ secret: SECRET }).signAsync({
      sub: 'u',
      sid: 's',
      exp: Math.floor(Date.now() / 1000) - 5,
    });
    await expect(service().verifyAccessToken(expired)).resolves.toBeNull();
  });
});
