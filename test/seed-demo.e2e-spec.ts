import { verifyAuditChains } from '../src/audit/audit-verifier';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { Membership } from '../src/membership/entities/membership.entity';
import { Organization } from '../src/organizations/entities/organization.entity';
import { User } from '../src/users/entities/user.entity';
import { GroupStatus, WorkingGroup } from '../src/working-groups/entities/working-group.entity';
import { DEMO_PASSWORD, seedDemo } from '../scripts/demo/seed';
import { DEMO_GROUPS, DEMO_ORGANIZATIONS, DEMO_USERS } from '../scripts/demo/data';
import { createTestApp, TestApp } from './support/test-app';

describe('demo data seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => {
    const em = t.em();
    return {
      organizations: await em.count(Organization),
      users: await em.count(User),
      groups: await em.count(WorkingGroup),
      memberships: await em.count(Membership),
      auditEvents: await em.count(AuditEvent),
    };
  };

  it('loads the OGP-style groups, activates anchored ones, and adds nothing on a second run', async () => {
    const logins = await seedDemo(t.app);
    expect(logins).toHaveLength(DEMO_USERS.length);
    const first = await counts();
    expect(first).toMatchObject({
      organizations: DEMO_ORGANIZATIONS.length,
      users: DEMO_USERS.length,
      groups: DEMO_GROUPS.length,
    });
    expect(first.auditEvents).toBeGreaterThan(first.memberships);

    await seedDemo(t.app);
    expect(await counts()).toEqual(first);

    const res = await t.http.get('/working-groups?limit=200').expect(200);
    const bySlug = new Map(
      (res.body.items as { slug: string; status: string }[]).map((g) => [g.slug, g.status] as const),
    );
    expect(bySlug.get('fiscal-openness')).toBe(GroupStatus.Active);
    expect(bySlug.get('anti-corruption')).toBe(GroupStatus.Active);
    expect(bySlug.get('digital-governance')).toBe(GroupStatus.Proposed);
    const detail = await t.http.get('/working-groups/anti-corruption').expect(200);
    expect(detail.body.anchors).toHaveLength(5);
    expect(new Set(detail.body.anchors.map((a: { anchorType: string }) => a.anchorType))).toEqual(
      new Set(['government', 'civil_society']),
    );

    await t.http.post('/auth/login').send({ email: logins[0].email, password: DEMO_PASSWORD }).expect(200);
    expect((await verifyAuditChains(t.em())).broken).toBeNull();
  });
});
