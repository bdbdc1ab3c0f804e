import { GroupRole, GroupStatus, GroupVisibility } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { Client } from 'pg';
import { auditCount } from './factories/audit';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createCivilSociety, createGovernment } from './factories/organizations';
import { createUser, TestUser } from './factories/users';
import { blockedOrFinished } from './support/locks';

/** Steering Committee reviews: opening, self-assessment, decisions, status transitions and bad input. */
describe('steering reviews', () => {
  const { t, cast } = useGroupCast();
  const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-04-01' };
  let gov: TestUser;
  let cso: TestUser;

  beforeAll(async () => {
    gov = await createUser(t, { organizationId: (await createGovernment(t)).id });
    cso = await createUser(t, { organizationId: (await createCivilSociety(t)).id });
  });

  /** A fresh group with a government and a civil-society anchor and the cast's member. */
  async function anchoredGroup(fields: Parameters<typeof createGroup>[1] = {}): Promise<WorkingGroup> {
    const group = await createGroup(t, fields);
    await addMember(t, group, gov, GroupRole.Anchor);
    await addMember(t, group, cso, GroupRole.Anchor);
    await addMember(t, group, cast.member, GroupRole.Member);
    return group;
  }

  const open = (group: WorkingGroup, user: TestUser = cast.steward, body: object = PERIOD) =>
    t.http.post(`/working-groups/${group.slug}/reviews`).set(user.auth).send(body);
  const decide = (id: string, body: object, user: TestUser = cast.steward) =>
    t.http.post(`/reviews/${id}/decision`).set(user.auth).send(body);
  const statusOf = async (group: WorkingGroup): Promise<string> =>
    (await t.http.get(`/working-groups/${group.slug}`).set(cast.steward.auth).expect(200)).body
      .status as string;

  describe('opening', () => {
    it('moves an active group to under_review and answers the review with its metrics', async () => {
      const group = await anchoredGroup();
      const res = await open(group).expect(201);
      expect(res.body).toMatchObject({
        groupSlug: group.slug,
        ...PERIOD,
        status: 'open',
        openedBy: cast.steward.id,
        decision: null,
        metricsFrozen: false,
        metrics: expect.objectContaining({ meetingsHeld: 0, activeMembers: 0 }),
      });
      expect(await statusOf(group)).toBe('under_review');
    });

    it('reviews a group already under_review without moving it; admins open too', async () => {
      const group = await anchoredGroup({ status: GroupStatus.UnderReview });
      await open(group, cast.admin).expect(201);
      expect(await statusOf(group)).toBe('under_review');
    });

    it.each([GroupStatus.Proposed, GroupStatus.Sunset, GroupStatus.Archived])(
      'refuses a %s group with 409',
      async (status) => {
        const group = await anchoredGroup({ status });
        const res = await open(group).expect(409);
        expect(res.body).toMatchObject({ code: 'review.group_not_reviewable', params: { status } });
      },
    );

    it('refuses a second open review of the same group with 409, and allows one after the decision', async () => {
      const group = await anchoredGroup();
      const first = await open(group).expect(201);
      const second = await open(group, cast.steward, { periodStart: '2026-04-01', periodEnd: '2026-05-01' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'review.already_open', params: { reviewId: first.body.id } });
      await decide(first.body.id, { decision: 'continue', rationale: 'Fine.' }).expect(200);
      await open(group).expect(201);
    });

    it('two concurrent openings: exactly one wins, the other is 409', async () => {
      for (let round = 0; round < 4; round++) {
        const group = await anchoredGroup();
        const answers = await Promise.all([open(group), open(group), open(group)]);
        expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
        const [row] = await t
          .em()
          .execute<{ n: string }[]>(
            `select count(*) as n from review where group_id = ? and status = 'open'`,
            [group.id],
          );
        expect(Number(row.n)).toBe(1);
      }
    });

    it('opening waits for the group row lock, then sees the review committed meanwhile', async () => {
      const group = await anchoredGroup();
      const db = new Client({ connectionString: t.databaseUrl });
      await db.connect();
      try {
        await db.query('begin');
        await db.query('select 1 from working_group where id = $1 for update', [group.id]);
        await db.query(
          `insert into review (id, created_at, updated_at, group_id, period_start, period_end, opened_by_id)
           values (gen_random_uuid(), now(), now(), $1, '2026-01-01', '2026-02-01', $2)`,
          [group.id, cast.steward.id],
        );
        const request = open(group).then((r) => r);
        expect(await blockedOrFinished(db, request)).toBe('blocked');
        await db.query('commit');
        const res = await request;
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('review.already_open');
      } finally {
        await db.end();
      }
    });

    it('the partial unique index refuses a second open review even past the service', async () => {
      const group = await anchoredGroup();
      await open(group).expect(201);
      await expect(
        t.em().execute(
          `insert into review (id, created_at, updated_at, group_id, period_start, period_end, opened_by_id)
           values (gen_random_uuid(), now(), now(), ?, '2026-01-01', '2026-02-01', ?)`,
          [group.id, cast.steward.id],
        ),
      ).rejects.toThrow(/review_one_open_per_group/);
    });

    it.each([
      [{ periodStart: '2026-04-01', periodEnd: '2026-01-01' }, 'periodEnd', 'review.period_invalid'],
      [{ periodStart: '2026-04-01', periodEnd: '2026-04-01' }, 'periodEnd', 'review.period_invalid'],
      [{ periodStart: '2026-02-30', periodEnd: '2026-04-01' }, 'periodStart', 'request.invalid'],
      [{ periodStart: '2026-01-01T00:00:00Z', periodEnd: '2026-04-01' }, 'periodStart', 'request.invalid'],
      [{ periodStart: '2026-01-01' }, 'periodEnd', 'request.invalid'],
      [{ ...PERIOD, status: 'decided' }, 'status', 'request.invalid'],
    ])('refuses %j with 422 on %s, nothing changed', async (body, path, code) => {
      const group = await anchoredGroup();
      const before = await auditCount(t);
      const res = await open(group, cast.steward, body).expect(422);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await auditCount(t)).toBe(before);
      expect(await statusOf(group)).toBe('active');
    });

    it('refuses a member of the group (403) and a stranger to a members-only group (404)', async () => {
      const group = await anchoredGroup();
      expect((await open(group, gov).expect(403)).body.code).toBe('access.role_required');
      expect((await open(group, cast.member).expect(403)).body.code).toBe('access.role_required');
      const hidden = await anchoredGroup({ visibility: GroupVisibility.Members });
      await open(hidden, cast.outsider).expect(404);
      expect(await statusOf(group)).toBe('active');
    });
  });

  describe('self-assessment', () => {
    it('anchors submit and replace it while open; not after the decision', async () => {
      const group = await anchoredGroup();
      const { id } = (await open(group).expect(201)).body as { id: string };
      const put = (user: TestUser, text: string) =>
        t.http.put(`/reviews/${id}/self-assessment`).set(user.auth).send({ text });
      expect((await put(gov, 'We met monthly.').expect(200)).body).toMatchObject({
        selfAssessment: 'We met monthly.',
        selfAssessedBy: gov.id,
      });
      expect((await put(cso, '  Revised.  ').expect(200)).body.selfAssessment).toBe('Revised.');
      expect((await put(cast.member, 'x').expect(403)).body.code).toBe('group.role_required');
      expect((await put(cast.steward, 'x').expect(403)).body.code).toBe('group.role_required');
      await put(gov, '').expect(422);
      await t.http.put(`/reviews/${id}/self-assessment`).set(gov.auth).send({}).expect(422);
      await decide(id, { decision: 'continue', rationale: 'Good.' }).expect(200);
      expect((await put(gov, 'Late.').expect(409)).body.code).toBe('review.already_decided');
    });
  });

  describe('decisions', () => {
    async function openReview(fields: Parameters<typeof createGroup>[1] = {}) {
      const group = await anchoredGroup(fields);
      const { id } = (await open(group).expect(201)).body as { id: string };
      return { group, id };
    }

    it('continue → active, with assessment and rationale recorded; deciding twice is 409', async () => {
      const { group, id } = await openReview();
      const res = await decide(id, { decision: 'continue', rationale: 'On track.', assessment: 'Strong.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'decided',
        decision: 'continue',
        rationale: 'On track.',
        assessment: 'Strong.',
        decidedBy: cast.steward.id,
        mergeInto: null,
        revisedScope: null,
      });
      expect(await statusOf(group)).toBe('active');
      const again = await decide(id, { decision: 'sunset', rationale: 'Changed our mind.' }).expect(409);
      expect(again.body).toMatchObject({ code: 'review.already_decided', params: { decision: 'continue' } });
      expect(await statusOf(group)).toBe('active');
    });

    it('sunset → sunset', async () => {
      const { group, id } = await openReview();
      await decide(id, { decision: 'sunset', rationale: 'Work is done.' }, cast.admin).expect(200);
      expect(await statusOf(group)).toBe('sunset');
    });

    it('revise_scope → active with the revised scope as the description', async () => {
      const { group, id } = await openReview();
      const res = await decide(id, {
        decision: 'revise_scope',
        rationale: 'Narrower focus.',
        revisedScope: 'Beneficial ownership data only.',
      }).expect(200);
      expect(res.body.revisedScope).toBe('Beneficial ownership data only.');
      const g = await t.http.get(`/working-groups/${group.slug}`).set(cast.steward.auth).expect(200);
      expect(g.body).toMatchObject({ status: 'active', description: 'Beneficial ownership data only.' });
    });

    it('merge → sunset with the target recorded, in the review and in the activity feed', async () => {
      const { group, id } = await openReview();
      const target = await anchoredGroup();
      const res = await decide(id, { decision: 'merge', rationale: 'Overlap.', mergeIntoSlug: target.slug });
      expect(res.status).toBe(200);
      expect(res.body.mergeInto).toEqual({ slug: target.slug, name: target.name });
      expect((await t.http.get(`/reviews/${id}`).set(gov.auth).expect(200)).body.mergeInto.slug).toBe(
        target.slug,
      );
      expect(await statusOf(group)).toBe('sunset');
      const feed = await t.http
        .get(`/working-groups/${group.slug}/activity`)
        .set(cast.member.auth)
        .expect(200);
      const actions = feed.body.items.map((e: { action: string }) => e.action);
      expect(actions.slice(0, 2)).toEqual(['review.decided', 'group.status_changed']);
      expect(actions).toEqual(expect.arrayContaining(['review.opened']));
      const moved = feed.body.items.find((e: { action: string }) => e.action === 'group.status_changed');
      expect(moved.after).toMatchObject({ status: 'sunset', mergedInto: target.slug, reviewId: id });
    });

    it.each([
      [
        { decision: 'merge', rationale: 'r', mergeIntoSlug: 'no-such-group' },
        'mergeIntoSlug',
        'review.merge_target_invalid',
      ],
      [{ decision: 'merge', rationale: 'r' }, 'mergeIntoSlug', 'request.invalid'],
      [{ decision: 'continue', rationale: 'r', mergeIntoSlug: 'x' }, 'mergeIntoSlug', 'request.invalid'],
      [{ decision: 'revise_scope', rationale: 'r' }, 'revisedScope', 'request.invalid'],
      [{ decision: 'sunset', rationale: 'r', revisedScope: 'x' }, 'revisedScope', 'request.invalid'],
      [{ decision: 'pause', rationale: 'r' }, 'decision', 'request.invalid'],
      [{ decision: 'continue' }, 'rationale', 'request.invalid'],
      [{ decision: 'continue', rationale: 'r', assessment: null }, 'assessment', 'request.invalid'],
    ])('refuses %j with 422 on %s, nothing changed', async (body, path, code) => {
      const { group, id } = await openReview();
      const before = await auditCount(t);
      const res = await decide(id, body).expect(422);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await auditCount(t)).toBe(before);
      expect(await statusOf(group)).toBe('under_review');
      expect((await t.http.get(`/reviews/${id}`).set(cast.steward.auth).expect(200)).body.status).toBe(
        'open',
      );
    });

    it('refuses a merge into itself or into a sunset group (422)', async () => {
      const { group, id } = await openReview();
      const self = await decide(id, { decision: 'merge', rationale: 'r', mergeIntoSlug: group.slug }).expect(
        422,
      );
      expect(self.body.code).toBe('review.merge_target_invalid');
      const gone = await anchoredGroup({ status: GroupStatus.Sunset });
      await decide(id, { decision: 'merge', rationale: 'r', mergeIntoSlug: gone.slug }).expect(422);
    });

    it('continue without a civil-society anchor is refused by the anchor invariant: 409, nothing changed', async () => {
      const group = await createGroup(t, { status: GroupStatus.UnderReview });
      await addMember(t, group, gov, GroupRole.Anchor);
      const { id } = (await open(group).expect(201)).body as { id: string };
      const before = await auditCount(t);
      const res = await decide(id, { decision: 'continue', rationale: 'r' }).expect(409);
      expect(res.body).toMatchObject({
        code: 'group.anchor_missing',
        params: { missing: ['civil_society'] },
      });
      expect(await auditCount(t)).toBe(before);
      expect(await statusOf(group)).toBe('under_review');
      const review = await t.http.get(`/reviews/${id}`).set(cast.steward.auth).expect(200);
      expect(review.body).toMatchObject({ status: 'open', decision: null, metricsFrozen: false });
      // Sunsetting needs no anchors.
      await decide(id, { decision: 'sunset', rationale: 'r' }).expect(200);
    });

    it('refuses a member (403) and hides the review from a stranger (404)', async () => {
      const { group, id } = await openReview();
      expect((await decide(id, { decision: 'sunset', rationale: 'r' }, gov).expect(403)).body.code).toBe(
        'access.role_required',
      );
      await decide(id, { decision: 'sunset', rationale: 'r' }, cast.outsider).expect(404);
      await decide('00000000-0000-4000-8000-000000000000', { decision: 'sunset', rationale: 'r' }).expect(
        404,
      );
      expect(await statusOf(group)).toBe('under_review');
    });
  });

  describe('reading', () => {
    it("lists a group's reviews newest first, with cursor pages", async () => {
      const group = await anchoredGroup();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { id } = (await open(group).expect(201)).body as { id: string };
        await decide(id, { decision: 'continue', rationale: `Round ${i}` }).expect(200);
        ids.push(id);
      }
      const url = `/working-groups/${group.slug}/reviews`;
      const first = await t.http.get(`${url}?limit=2`).set(cast.member.auth).expect(200);
      expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
      const second = await t.http
        .get(`${url}?limit=2&cursor=${first.body.nextCursor as string}`)
        .set(cast.member.auth)
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
      await t.http.get(`${url}?cursor=nonsense`).set(cast.member.auth).expect(422);
    });
  });
});
