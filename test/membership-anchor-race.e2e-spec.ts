import { Client } from 'pg';
import type { Response } from 'supertest';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { GroupRole } from '../src/groups/groups.enums';
import { OrganizationKind } from '../src/organizations/organizations.enums';
import { User } from '../src/users/entities/user.entity';
import { addMember, createGroupCast, GroupCast } from './factories/groups';
import { createGovernment, createOrganization } from './factories/organizations';
import { createUser, TestUser } from './factories/users';
import { blockedOrFinished } from './support/locks';
import { createTestApp, TestApp } from './support/test-app';

/**
 * An organisation change (`PATCH /me`) and a promotion to anchor must serialise on the user row, or both can
 * pass their checks (the change sees no anchor role, the promotion sees the old organisation) and leave an anchor
 * whose organisation cannot anchor.
 *
 * The HTTP race below repeats the two requests concurrently; it cannot be deterministic (the scheduler decides
 * whether the two transactions interleave inside the window), so it only shows the invariant holds under real
 * concurrency. The two tests after it are deterministic: a separate pg connection plays one side of the race
 * and holds its lock mid-transaction; we wait until PostgreSQL reports the request blocked by that connection
 * (pg_blocking_pids, no timing), then commit and check the request saw the committed change.
 */
describe('anchor promotion vs change of organisation', () => {
  let t: TestApp;
  let cast: GroupCast;
  let db: Client;
  let multilateralId: string;
  let governmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createGroupCast(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    multilateralId = (await createOrganization(t, { kind: OrganizationKind.Multilateral })).id;
    governmentId = (await createGovernment(t)).id;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const members = (slug: string) => `/working-groups/${slug}/members`;

  async function governmentMember(): Promise<TestUser> {
    const user = await createUser(t, { organizationId: governmentId });
    await addMember(t, cast.group, user, GroupRole.Member);
    return user;
  }

  const promote = (user: TestUser): Promise<Response> =>
    t.http
      .patch(`${members(cast.group.slug)}/${user.id}`)
      .set(cast.steward.auth)
      .send({ role: 'anchor' })
      .then((r) => r);

  const changeOrganization = (user: TestUser, organizationId: string): Promise<Response> =>
    t.http
      .patch('/me')
      .set(user.auth)
      .send({ organizationId })
      .then((r) => r);

  /** The user's role in the group and their organisation's kind, as committed. */
  async function standing(userId: string): Promise<{ role: GroupRole; kind: OrganizationKind | null }> {
    const em = t.em();
    const m = await em.findOneOrFail(Membership, { group: cast.group.id, user: userId });
    const user = await em.findOneOrFail(User, { id: userId }, { populate: ['organization'] });
    return { role: m.role, kind: user.organization?.getEntity().kind ?? null };
  }

  it('keeps the invariant when PATCH /me races a promotion (repeated)', async () => {
    for (let round = 0; round < 8; round += 1) {
      const user = await governmentMember();
      const [promotion, change] = await Promise.all([
        promote(user),
        changeOrganization(user, multilateralId),
      ]);
      // Exactly one can win: promoted first (the change is then 409), or changed first (the promotion 409).
      expect([promotion.status, change.status].sort()).toEqual([200, 409]);
      const after = await standing(user.id);
      if (after.role === GroupRole.Anchor) expect(after.kind).toBe(OrganizationKind.Government);
      else expect(after.kind).toBe(OrganizationKind.Multilateral);
    }
  });

  it('a promotion waits for an uncommitted organisation change and then sees it', async () => {
    const user = await governmentMember();
    await db.query('begin');
    try {
      // What PATCH /me does: lock the user row, then change the organisation (not yet committed).
      await db.query('select id from "user" where id = $1 for update', [user.id]);
      await db.query('update "user" set organization_id = $2 where id = $1', [user.id, multilateralId]);
      const promotion = promote(user);
      expect(await blockedOrFinished(db, promotion)).toBe('blocked');
      await db.query('commit');
      const res = await promotion;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('membership.anchor_needs_organization');
    } finally {
      await db.query('rollback'); // no-op after commit; releases the lock if an expectation failed
    }
    expect(await standing(user.id)).toEqual({ role: GroupRole.Member, kind: OrganizationKind.Multilateral });
  });

  it('PATCH /me waits for an uncommitted promotion and then refuses the change', async () => {
    const user = await governmentMember();
    await db.query('begin');
    try {
      // What a promotion does: FOR SHARE on the user row, then the role change (not yet committed).
      await db.query('select id from "user" where id = $1 for share', [user.id]);
      await db.query(`update membership set role = 'anchor' where group_id = $1 and user_id = $2`, [
        cast.group.id,
        user.id,
      ]);
      const change = changeOrganization(user, multilateralId);
      expect(await blockedOrFinished(db, change)).toBe('blocked');
      await db.query('commit');
      const res = await change;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('membership.anchor_organization_locked');
    } finally {
      await db.query('rollback');
    }
    expect(await standing(user.id)).toEqual({ role: GroupRole.Anchor, kind: OrganizationKind.Government });
  });
});
