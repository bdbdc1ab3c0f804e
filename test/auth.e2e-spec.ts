import { createHmac } from 'node:crypto';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { User } from '../src/users/entities/user.entity';
import { createAdmin, createUser, DEFAULT_PASSWORD, login, registerUser } from './factories/users';
import { createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function forgeJwt(payload: object, secret: string, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('accounts and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const auditCount = (): Promise<number> => t.em().count(AuditEvent, {});

  describe('register', () => {
    it('creates a user without exposing the password hash, and audits it', async () => {
      const before = await auditCount();
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'Ana.Souza@Example.org', password: DEFAULT_PASSWORD, displayName: 'Ana Souza' })
        .expect(201);
      expect(res.body).toMatchObject({
        email: 'ana.souza@example.org',
        displayName: 'Ana Souza',
        role: 'member',
        disabled: false,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
      expect(await auditCount()).toBe(before + 1);
    });

    it('treats emails case-insensitively: a second account with another casing is a 409', async () => {
      await registerUser(t, { email: 'case@example.org' });
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'CASE@example.ORG', password: DEFAULT_PASSWORD, displayName: 'Again' })
        .expect(409);
      expect(res.body.code).toBe('auth.email_taken');
    });

    it('refuses short and common passwords with field paths', async () => {
      const short = await t.http
        .post('/auth/register')
        .send({ email: 'p1@example.org', password: 'short', displayName: 'P' })
        .expect(422);
      expect(short.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'password' })]),
      );
      const common = await t.http
        .post('/auth/register')
        .send({ email: 'p2@example.org', password: 'password1234', displayName: 'P' })
        .expect(422);
      expect(common.body.errors[0].path).toBe('password');
    });

    it('refuses unknown fields, wrong types and over-long strings, storing nothing', async () => {
      const users = await t.em().count(User, {});
      const unknown = await t.http
        .post('/auth/register')
        .send({ email: 'x@example.org', password: DEFAULT_PASSWORD, displayName: 'X', role: 'admin' })
        .expect(422);
      expect(unknown.body.errors).toEqual([{ path: 'role', message: 'role is not an allowed field' }]);
      await t.http
        .post('/auth/register')
        .send({ email: 42, password: DEFAULT_PASSWORD, displayName: 'X' })
        .expect(422);
      const long = await t.http
        .post('/auth/register')
        .send({ email: 'y@example.org', password: DEFAULT_PASSWORD, displayName: 'Y'.repeat(101) })
        .expect(422);
      expect(long.body.errors[0].path).toBe('displayName');
      expect(await t.em().count(User, {})).toBe(users);
    });

    it('stores SQL and HTML verbatim, never executing them', async () => {
      const name = `Robert'); DROP TABLE "user";-- <script>alert(1)</script>`;
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'bobby@example.org', password: DEFAULT_PASSWORD, displayName: name })
        .expect(201);
      expect(res.body.displayName).toBe(name);
      expect(await t.em().count(User, {})).toBeGreaterThan(0);
    });

    it('refuses malformed JSON with 400, a non-object body with 422 and a 2 MiB body with 413', async () => {
      const malformed = await t.http
        .post('/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(malformed.headers['content-type']).toMatch(/problem\+json/);
      expect(malformed.body.code).toBe('request.malformed_json');
      await t.http.post('/auth/register').set('Content-Type', 'application/json').send('[1,2]').expect(422);
      const huge = await t.http
        .post('/auth/register')
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            email: 'big@example.org',
            password: DEFAULT_PASSWORD,
            displayName: 'x'.repeat(2 * 1024 * 1024),
          }),
        )
        .expect(413);
      expect(huge.body.status).toBe(413);
    });
  });

  describe('login', () => {
    it('gives the same 401 for an unknown email and a wrong password', async () => {
      const user = await registerUser(t);
      const unknown = await t.http
        .post('/auth/login')
        .send({ email: 'nobody@example.org', password: DEFAULT_PASSWORD })
        .expect(401);
      const wrong = await t.http
        .post('/auth/login')
        .send({ email: user.email, password: 'not-the-password!' })
        .expect(401);
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(unknown.body.code).toBe(wrong.body.code);
    });

    it('returns tokens that open /me, with a 15-minute access token', async () => {
      const user = await registerUser(t, { email: 'Mixed.Case@Example.org' });
      const res = await t.http
        .post('/auth/login')
        .send({ email: 'MIXED.case@example.org', password: user.password })
        .expect(200);
      expect(res.body.expiresIn).toBe(900);
      const me = await t.http.get('/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body.id).toBe(user.id);
    });
  });

  describe('access tokens', () => {
    it('requires a token on protected routes', async () => {
      const res = await t.http.get('/me').expect(401);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    });

    it('refuses a token signed with another key, alg none and an expired token', async () => {
      const user = await createUser(t);
      const [, payload] = user.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; sid: string };
      const now = Math.floor(Date.now() / 1000);
      const otherKey = forgeJwt(
        { sub: claims.sub, sid: claims.sid, iat: now, exp: now + 600 },
        'another-secret-another-secret-another-secret',
      );
      const none = forgeJwt({ sub: claims.sub, sid: claims.sid, iat: now, exp: now + 600 }, '', 'none');
      const expired = forgeJwt(
        { sub: claims.sub, sid: claims.sid, iat: now - 1000, exp: now - 100 },
        TEST_JWT_SECRET,
      );
      const valid = forgeJwt(
        { sub: claims.sub, sid: claims.sid, iat: now, exp: now + 600, iss: 'convene', aud: 'convene-api' },
        TEST_JWT_SECRET,
      );
      for (const token of [otherKey, none, expired, 'garbage']) {
        await t.http.get('/me').set('Authorization', `Bearer ${token}`).expect(401);
      }
      // The control: the same claims, correctly signed, are accepted.
      await t.http.get('/me').set('Authorization', `Bearer ${valid}`).expect(200);
    });

    it('requires exp, iat and the expected iss and aud, even when correctly signed', async () => {
      const user = await createUser(t);
      const [, payload] = user.accessToken.split('.');
      const issued = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      expect(issued).toMatchObject({ iss: 'convene', aud: 'convene-api' });
      const now = Math.floor(Date.now() / 1000);
      const full = {
        sub: issued.sub,
        sid: issued.sid,
        iat: now,
        exp: now + 600,
        iss: 'convene',
        aud: 'convene-api',
      };
      const without = (claim: keyof typeof full): object => ({ ...full, [claim]: undefined });
      const refused: Record<string, string> = {
        'no exp': forgeJwt(without('exp'), TEST_JWT_SECRET),
        'no iat': forgeJwt(without('iat'), TEST_JWT_SECRET),
        'no iss': forgeJwt(without('iss'), TEST_JWT_SECRET),
        'no aud': forgeJwt(without('aud'), TEST_JWT_SECRET),
        'wrong iss': forgeJwt({ ...full, iss: 'someone-else' }, TEST_JWT_SECRET),
        'wrong aud': forgeJwt({ ...full, aud: 'another-api' }, TEST_JWT_SECRET),
        'aud list without ours': forgeJwt({ ...full, aud: ['another-api'] }, TEST_JWT_SECRET),
        'string exp': forgeJwt({ ...full, exp: String(now + 600) }, TEST_JWT_SECRET),
        'alg none': forgeJwt(full, '', 'none'),
      };
      const accepted: string[] = [];
      for (const [name, token] of Object.entries(refused)) {
        const res = await t.http.get('/me').set('Authorization', `Bearer ${token}`);
        if (res.status !== 401) accepted.push(`${name}: ${res.status}`);
      }
      expect(accepted).toEqual([]);
      await t.http
        .get('/me')
        .set('Authorization', `Bearer ${forgeJwt(full, TEST_JWT_SECRET)}`)
        .expect(200);
    });

    it('refuses a disabled user everywhere, even with a still-valid access token', async () => {
      const admin = await createAdmin(t);
      const user = await createUser(t);
      await t.http.get('/me').set(user.auth).expect(200);
      await t.http.patch(`/users/${user.id}`).set(admin.auth).send({ disabled: true }).expect(200);
      await t.http.get('/me').set(user.auth).expect(401);
      await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      const relogin = await t.http
        .post('/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      expect(relogin.body.code).toBe('auth.account_disabled');
    });
  });

  describe('refresh tokens', () => {
    it('rotates on every use: the new pair works, the spent token does not', async () => {
      const user = await createUser(t);
      const first = await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await t.http.get('/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
      const second = await t.http
        .post('/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.accessToken).toBeDefined();
    });

    it('revokes the whole family when a spent token is reused, including the tokens issued after it', async () => {
      const user = await createUser(t);
      const rotated = await t.http
        .post('/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      const reuse = await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('auth.refresh_reused');
      await t.http.post('/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
      await t.http.get('/me').set('Authorization', `Bearer ${rotated.body.accessToken}`).expect(401);
      const session = await t.em().findOneOrFail(AuthSession, { user: user.id });
      expect(session.revokedReason).toBe('refresh_token_reused');
    });

    it('lets only one of two concurrent uses of one token succeed', async () => {
      const user = await createUser(t);
      const results = await Promise.all(
        [1, 2].map(() => t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('refuses an unknown token and an expired session', async () => {
      await t.http.post('/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
      const user = await createUser(t);
      await t.em().nativeUpdate(AuthSession, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
      await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });
  });

  describe('logout and password change', () => {
    it('logout revokes the session: its refresh and access tokens stop working', async () => {
      const user = await createUser(t);
      await t.http.post('/auth/logout').set(user.auth).send({ refreshToken: user.refreshToken }).expect(204);
      await t.http.post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await t.http.get('/me').set(user.auth).expect(401);
    });

    it('logout with someone else’s refresh token changes nothing', async () => {
      const [a, b] = [await createUser(t), await createUser(t)];
      await t.http.post('/auth/logout').set(a.auth).send({ refreshToken: b.refreshToken }).expect(204);
      await t.http.get('/me').set(b.auth).expect(200);
    });

    it('a password change needs the current password and revokes every session', async () => {
      const user = await createUser(t);
      const other = await login(t, user.email);
      const missing = await t.http
        .patch('/me')
        .set(user.auth)
        .send({ password: 'a-brand-new-passphrase' })
        .expect(422);
      expect(missing.body.errors[0].path).toBe('currentPassword');
      const wrong = await t.http
        .patch('/me')
        .set(user.auth)
        .send({ password: 'a-brand-new-passphrase', currentPassword: 'wrong-password-here' })
        .expect(422);
      expect(wrong.body.errors[0].path).toBe('currentPassword');
      await t.http.get('/me').set(user.auth).expect(200);
      await t.http
        .patch('/me')
        .set(user.auth)
        .send({ password: 'a-brand-new-passphrase', currentPassword: user.password })
        .expect(200);
      await t.http.post('/auth/refresh').send({ refreshToken: other.refreshToken }).expect(401);
      await t.http.get('/me').set(user.auth).expect(401);
      await t.http.post('/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await login(t, user.email, 'a-brand-new-passphrase');
    });
  });

  describe('PATCH /me', () => {
    it('updates the profile and validates locale and time zone', async () => {
      const user = await createUser(t);
      const ok = await t.http
        .patch('/me')
        .set(user.auth)
        .send({ displayName: 'Renamed', locale: 'pt-BR', timeZone: 'America/Sao_Paulo' })
        .expect(200);
      expect(ok.body).toMatchObject({
        displayName: 'Renamed',
        locale: 'pt-BR',
        timeZone: 'America/Sao_Paulo',
      });
      const bad = await t.http
        .patch('/me')
        .set(user.auth)
        .send({ timeZone: 'Mars/Olympus', locale: 'not a locale' })
        .expect(422);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['locale', 'timeZone']);
      const me = await t.http.get('/me').set(user.auth).expect(200);
      expect(me.body.timeZone).toBe('America/Sao_Paulo');
    });
  });
});

describe('login throttling', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('limits attempts per account with 429 and Retry-After, even with the right password', async () => {
    t = await createTestApp({ loginLimitPerAccount: 3, loginLimitPerIp: 100, loginLimitWindowSeconds: 60 });
    const user = await registerUser(t);
    for (let i = 0; i < 3; i++)
      await t.http.post('/auth/login').send({ email: user.email, password: 'wrong-password-x' }).expect(401);
    const limited = await t.http
      .post('/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('rate.limited');
    // Another account is unaffected.
    const other = await registerUser(t);
    await t.http.post('/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });

  it('limits attempts per IP across accounts', async () => {
    t = await createTestApp({ loginLimitPerAccount: 100, loginLimitPerIp: 3, loginLimitWindowSeconds: 60 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http
        .post('/auth/login')
        .send({ email: `nobody${i}@example.org`, password: 'wrong-password-x' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('registration throttling', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('limits registrations per IP with 429 and Retry-After; an existing email still answers 409 and counts', async () => {
    t = await createTestApp({ registerLimitPerIp: 3, registerLimitWindowSeconds: 3600 });
    const first = await registerUser(t);
    await registerUser(t);
    const taken = await t.http
      .post('/auth/register')
      .send({ email: first.email, password: DEFAULT_PASSWORD, displayName: 'Again' })
      .expect(409);
    expect(taken.body.code).toBe('auth.email_taken');
    const limited = await t.http
      .post('/auth/register')
      .send({ email: 'late@example.org', password: DEFAULT_PASSWORD, displayName: 'Late' })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('rate.limited');
    // Past the limit, probing an existing email is refused too, before it can tell whether it exists.
    await t.http
      .post('/auth/register')
      .send({ email: first.email, password: DEFAULT_PASSWORD, displayName: 'Probe' })
      .expect(429);
    // Logging in is throttled separately.
    await t.http.post('/auth/login').send({ email: first.email, password: first.password }).expect(200);
  });
});
