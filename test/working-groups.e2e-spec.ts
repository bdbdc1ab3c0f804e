import { GroupRole, GroupStatus, GroupVisibility } from '../src/groups/groups.enums';
import { OrganizationKind } from '../src/organizations/organizations.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { auditCount, lastAuditEvent } from './factories/audit';
import { addMember, createGroup, createGroupCast, GroupCast } from './factories/groups';
import { createOrganization } from './factories/organizations';
import { createAdmin, createSteward, createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

const body = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  theme: 'open_data',
  description: `About ${name}`,
  visibility: 'public',
  joinPolicy: 'open',
  ...extra,
});

describe('working groups', () => {
  let t: TestApp;
  let steward: TestUser;
  let admin: TestUser;
  let cast: GroupCast;

  beforeAll(async () => {
    t = await createTestApp();
    steward = await createSteward(t);
    admin = await createAdmin(t);
    cast = await createGroupCast(t);
  });
  afterAll(() => t.close());

  describe('POST /working-groups', () => {
    it('lets the Steering Committee create a proposed group with a slug from the name, audited', async () => {
      const res = await t.http
        .post('/working-groups')
        .set(steward.auth)
        .send(body('Açcès à l’Information — Ñandú'))
        .expect(201);
      expect(res.body).toMatchObject({
        slug: 'acces-a-l-information-nandu',
        status: 'proposed',
        theme: 'open_data',
        visibility: 'public',
        joinPolicy: 'open',
      });
      const event = await lastAuditEvent(t, res.body.id as string);
      expect(event).toMatchObject({
        action: 'group.created',
        actorId: steward.id,
        entityType: 'WorkingGroup',
      });
    });

    it('adds -2, -3 when the slug is taken', async () => {
      const slugs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.http
          .post('/working-groups')
          .set(admin.auth)
          .send(body('Clash Group'))
          .expect(201);
        slugs.push(res.body.slug as string);
      }
      expect(slugs).toEqual(['clash-group', 'clash-group-2', 'clash-group-3']);
    });

    it('refuses members and anonymous callers, storing nothing', async () => {
      const before = await auditCount(t);
      await t.http.post('/working-groups').set(cast.member.auth).send(body('Not Mine')).expect(403);
      await t.http.post('/working-groups').send(body('Not Mine')).expect(401);
      expect(await t.em().count(WorkingGroup, { name: 'Not Mine' })).toBe(0);
      expect(await auditCount(t)).toBe(before);
    });

    it.each([
      [{ theme: 'Open Data' }, 'theme'],
      [{ theme: 'x' }, 'theme'],
      [{ visibility: 'secret' }, 'visibility'],
      [{ joinPolicy: 'anyone' }, 'joinPolicy'],
      [{ status: 'active' }, 'status'],
    ])('refuses %j with 422', async (extra, path) => {
      const res = await t.http
        .post('/working-groups')
        .set(steward.auth)
        .send(body('Bad Input', extra))
        .expect(422);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });
  });

  describe('PATCH /working-groups/:slug', () => {
    it('lets an anchor edit fields, and the slug only while proposed', async () => {
      const group = await createGroup(t, { status: GroupStatus.Proposed });
      await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
      const renamed = await t.http
        .patch(`/working-groups/${group.slug}`)
        .set(cast.governmentAnchor.auth)
        .send({ name: 'Renamed', slug: `${group.slug}-renamed`, joinPolicy: 'open' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        name: 'Renamed',
        slug: `${group.slug}-renamed`,
        joinPolicy: 'open',
      });
      expect((await lastAuditEvent(t, group.id))?.action).toBe('group.updated');

      const before = await auditCount(t, cast.group.id);
      const frozen = await t.http
        .patch(`/working-groups/${cast.group.slug}`)
        .set(cast.governmentAnchor.auth)
        .send({ slug: 'new-slug' })
        .expect(409);
      expect(frozen.body.code).toBe('group.slug_frozen');
      expect(await auditCount(t, cast.group.id)).toBe(before);
    });

    it('refuses a taken slug with 409 and an invalid one with 422', async () => {
      const group = await createGroup(t, { status: GroupStatus.Proposed });
      await t.http
        .patch(`/working-groups/${group.slug}`)
        .set(steward.auth)
        .send({ slug: cast.group.slug })
        .expect(409);
      await t.http
        .patch(`/working-groups/${group.slug}`)
        .set(steward.auth)
        .send({ slug: 'Bad Slug' })
        .expect(422);
    });

    it('refuses members (403) and an anchor of another group (403 public, 404 members-only)', async () => {
      const before = await auditCount(t);
      await t.http
        .patch(`/working-groups/${cast.group.slug}`)
        .set(cast.member.auth)
        .send({ name: 'Xy' })
        .expect(403);
      await t.http
        .patch(`/working-groups/${cast.group.slug}`)
        .set(cast.otherAnchor.auth)
        .send({ name: 'Xy' })
        .expect(403);
      const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
      await t.http
        .patch(`/working-groups/${hidden.slug}`)
        .set(cast.otherAnchor.auth)
        .send({ name: 'Xy' })
        .expect(404);
      expect(await auditCount(t)).toBe(before);
      expect((await t.em().findOneOrFail(WorkingGroup, { id: cast.group.id })).name).toBe(cast.group.name);
    });
  });

  describe('GET /working-groups/:slug', () => {
    it('shows a public group to anonymous visitors with its anchors and member organisations', async () => {
      const res = await t.http.get(`/working-groups/${cast.group.slug}`).expect(200);
      expect(res.body.anchors).toHaveLength(2);
      expect(res.body.anchors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: cast.governmentAnchor.id, anchorType: 'government' }),
          expect.objectContaining({ userId: cast.civilSocietyAnchor.id, anchorType: 'civil_society' }),
        ]),
      );
      expect(res.body.anchors[0].organization).toMatchObject({ kind: expect.any(String) });
      expect(res.body.anchors[0].user).toMatchObject({
        id: expect.any(String),
        displayName: expect.any(String),
      });
      expect(res.body.memberOrganizations).toHaveLength(2);
      expect(res.body.myMembership).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('@');
    });

    it('answers an unknown slug and an invisible members-only group with the same 404', async () => {
      const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
      const strip = (b: Record<string, unknown>): Record<string, unknown> => {
        const { requestId: _r, instance: _i, ...rest } = b;
        return rest;
      };
      const unknown = await t.http.get('/working-groups/no-such-group').set(cast.outsider.auth).expect(404);
      const invisible = await t.http
        .get(`/working-groups/${hidden.slug}`)
        .set(cast.outsider.auth)
        .expect(404);
      expect(strip(invisible.body)).toEqual(strip(unknown.body));
      await t.http.get(`/working-groups/${hidden.slug}`).expect(404);
      await t.http.get(`/working-groups/${hidden.slug}`).set(steward.auth).expect(200);
    });
  });

  describe('GET /working-groups', () => {
    let hidden: WorkingGroup;
    let insider: TestUser;
    const theme = 'list_test_theme';

    beforeAll(async () => {
      const org = await createOrganization(t, { kind: OrganizationKind.Government, country: 'GE' });
      insider = await createUser(t, { organizationId: org.id });
      for (const name of ['Zeta 100% Open', 'Alpha Listing', 'Mid_Listing', 'Beta Listing']) {
        await createGroup(t, { name, theme });
      }
      hidden = await createGroup(t, { name: 'Hidden Listing', theme, visibility: GroupVisibility.Members });
      await addMember(t, hidden, insider);
    });

    const names = (res: { body: { items: { name: string }[] } }): string[] =>
      res.body.items.map((g) => g.name);

    it('shows members-only groups only to their members and stewards', async () => {
      const anon = await t.http.get(`/working-groups?theme=${theme}`).expect(200);
      expect(names(anon)).not.toContain('Hidden Listing');
      expect(names(await t.http.get(`/working-groups?theme=${theme}`).set(cast.outsider.auth))).not.toContain(
        'Hidden Listing',
      );
      expect(names(await t.http.get(`/working-groups?theme=${theme}`).set(insider.auth))).toContain(
        'Hidden Listing',
      );
      expect(names(await t.http.get(`/working-groups?theme=${theme}`).set(steward.auth))).toContain(
        'Hidden Listing',
      );
    });

    it('sorts, orders and pages with a cursor', async () => {
      const first = await t.http.get(`/working-groups?theme=${theme}&limit=2`).expect(200);
      expect(names(first)).toEqual(['Alpha Listing', 'Beta Listing']);
      const second = await t.http
        .get(`/working-groups?theme=${theme}&limit=2&cursor=${first.body.nextCursor as string}`)
        .expect(200);
      expect(names(second)).toEqual(['Mid_Listing', 'Zeta 100% Open']);
      expect(second.body.nextCursor).toBeNull();
      const desc = await t.http
        .get(`/working-groups?theme=${theme}&sort=createdAt&order=desc&limit=3`)
        .expect(200);
      expect(names(desc)).toEqual(['Beta Listing', 'Mid_Listing', 'Alpha Listing']);
      const rest = await t.http
        .get(
          `/working-groups?theme=${theme}&sort=createdAt&order=desc&limit=3&cursor=${desc.body.nextCursor as string}`,
        )
        .expect(200);
      expect(names(rest)).toEqual(['Zeta 100% Open']);
    });

    it('searches name and description literally (wildcards escaped)', async () => {
      expect(names(await t.http.get(`/working-groups?theme=${theme}&q=100%25`))).toEqual(['Zeta 100% Open']);
      expect(names(await t.http.get(`/working-groups?theme=${theme}&q=_`))).toEqual(['Mid_Listing']);
      expect(names(await t.http.get(`/working-groups?theme=${theme}&q=alpha`))).toEqual(['Alpha Listing']);
    });

    it('filters by status and by the country of active member organisations', async () => {
      const byCountry = await t.http.get('/working-groups?country=ge').set(insider.auth).expect(200);
      expect(names(byCountry)).toEqual(['Hidden Listing']);
      const proposed = await t.http.get(`/working-groups?theme=${theme}&status=proposed`).expect(200);
      expect(proposed.body.items).toEqual([]);
    });

    it('refuses invalid filters with 422', async () => {
      await t.http.get('/working-groups?status=dormant').expect(422);
      await t.http.get('/working-groups?sort=slug').expect(422);
      await t.http.get('/working-groups?limit=500').expect(422);
    });
  });

  describe('POST /working-groups/:slug/status', () => {
    it('activates only with a government and a civil-society anchor, naming what is missing', async () => {
      const group = await createGroup(t, { status: GroupStatus.Proposed });
      const before = await auditCount(t, group.id);
      const none = await t.http
        .post(`/working-groups/${group.slug}/status`)
        .set(steward.auth)
        .send({ status: 'active' })
        .expect(409);
      expect(none.body.params.missing).toEqual(['government', 'civil_society']);
      expect(none.body.detail).toMatch(/government and civil-society/);
      await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
      const one = await t.http
        .post(`/working-groups/${group.slug}/status`)
        .set(steward.auth)
        .send({ status: 'active' })
        .expect(409);
      expect(one.body.params.missing).toEqual(['civil_society']);
      expect(await auditCount(t, group.id)).toBe(before);
      await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
      const ok = await t.http
        .post(`/working-groups/${group.slug}/status`)
        .set(steward.auth)
        .send({ status: 'active', reason: 'Approved by the SC' })
        .expect(200);
      expect(ok.body.status).toBe('active');
      const event = await lastAuditEvent(t, group.id);
      expect(event).toMatchObject({
        action: 'group.status_changed',
        after: { status: 'active', reason: 'Approved by the SC' },
      });
    });

    it('walks active → under_review → active → sunset → archived (archive by admins only)', async () => {
      const { group } = await createGroupCast(t);
      const move = (who: TestUser, status: string, code: number) =>
        t.http.post(`/working-groups/${group.slug}/status`).set(who.auth).send({ status }).expect(code);
      await move(steward, 'under_review', 200);
      await move(steward, 'active', 200);
      await move(steward, 'sunset', 200);
      await move(steward, 'archived', 403);
      await move(admin, 'archived', 200);
    });

    it('refuses an edge that does not exist with 409 naming the allowed next statuses', async () => {
      const before = await auditCount(t, cast.group.id);
      const res = await t.http
        .post(`/working-groups/${cast.group.slug}/status`)
        .set(admin.auth)
        .send({ status: 'archived' })
        .expect(409);
      expect(res.body.params.allowed).toEqual(['under_review', 'sunset']);
      expect(res.body.detail).toContain('under_review, sunset');
      await t.http
        .post(`/working-groups/${cast.group.slug}/status`)
        .set(admin.auth)
        .send({ status: 'paused' })
        .expect(422);
      expect(await auditCount(t, cast.group.id)).toBe(before);
    });

    it('refuses anchors and members (403)', async () => {
      for (const who of [cast.governmentAnchor, cast.member]) {
        await t.http
          .post(`/working-groups/${cast.group.slug}/status`)
          .set(who.auth)
          .send({ status: 'under_review' })
          .expect(403);
      }
    });
  });
});
