import { randomUUID } from 'node:crypto';
import { AuthSessionsService } from '../src/auth/auth-sessions.service';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { PlatformRole } from '../src/common/auth/platform-role.enums';
import { User } from '../src/users/entities/user.entity';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

const HOUR = 3_600_000;

/**
 * The per-request session check is SQL (src/auth/auth.queries.ts) restating AuthSession.isActive() and
 * User.disabled: for every kind of session the two must agree, and the statement must answer the caller's role.
 */
describe('resolveCaller agrees with AuthSession.isActive() and User.disabled', () => {
  let t: TestApp;
  let sessions: AuthSessionsService;
  let enabled: TestUser;
  let disabled: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    sessions = t.app.get(AuthSessionsService);
    enabled = await createUser(t, { role: PlatformRole.SteeringCommittee });
    disabled = await createUser(t);
    await t.em().nativeUpdate(User, { id: disabled.id }, { disabled: true });
  });
  afterAll(() => t?.close());

  const kinds: { name: string; user: () => TestUser; expiresInMs: number; revoked: boolean }[] = [
    { name: 'live', user: () => enabled, expiresInMs: HOUR, revoked: false },
    { name: 'revoked', user: () => enabled, expiresInMs: HOUR, revoked: true },
    { name: 'expired', user: () => enabled, expiresInMs: -1_000, revoked: false },
    { name: 'expired and revoked', user: () => enabled, expiresInMs: -HOUR, revoked: true },
    { name: 'live, user disabled', user: () => disabled, expiresInMs: HOUR, revoked: false },
  ];

  it.each(kinds)('$name', async ({ user, expiresInMs, revoked }) => {
    const owner = user();
    const id = randomUUID();
    await t.em().execute(
      `insert into auth_session (id, user_id, created_at, expires_at, revoked_at, revoked_reason)
       values (?, ?, now(), now() + (? || ' milliseconds')::interval, ?, ?)`,
      [id, owner.id, String(expiresInMs), revoked ? new Date() : null, revoked ? 'logout' : null],
    );
    const em = t.em().fork();
    const session = await em.findOneOrFail(AuthSession, id, { populate: ['user'] });
    const byEntities = session.isActive() && !session.user.getEntity().disabled;

    const caller = await sessions.resolveCaller(t.em().fork(), owner.id, id);

    expect(caller !== null).toBe(byEntities);
    if (caller) {
      expect(caller).toEqual({ id: owner.id, role: PlatformRole.SteeringCommittee, sessionId: id });
    }
  });

  it("refuses a live session presented with another user's id", async () => {
    const id = randomUUID();
    await t
      .em()
      .execute(
        `insert into auth_session (id, user_id, created_at, expires_at) values (?, ?, now(), now() + interval '1 hour')`,
        [id, enabled.id],
      );
    expect(await sessions.resolveCaller(t.em().fork(), disabled.id, id)).toBeNull();
    expect(await sessions.resolveCaller(t.em().fork(), enabled.id, randomUUID())).toBeNull();
  });
});
