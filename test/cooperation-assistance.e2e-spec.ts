import { Client } from 'pg';
import { AssistanceStatus } from '../src/cooperation/cooperation.enums';
import { AssistanceRequest } from '../src/cooperation/entities/assistance-request.entity';
import { AssistanceRequestStep } from '../src/cooperation/entities/assistance-request-step.entity';
import { GroupRole } from '../src/groups/groups.enums';
import { auditCount, lastAuditEvent } from './factories/audit';
import { insertAssistanceRequest, organizationIdOf } from './factories/cooperation';
import { addMember, useGroupCast } from './factories/groups';
import { createGovernment } from './factories/organizations';
import { createUser, TestUser } from './factories/users';

/**
 * Assistance requests: who asks for whom, every step of the status machine and who may take it, steps out of
 * order, and two concurrent steps of one request.
 */
describe('assistance requests', () => {
  const { t, cast } = useGroupCast();
  /** cso: the civil-society anchor's and the member's organisation; gov: the government anchor's and observer's. */
  const orgs = { cso: '', gov: '', outside: '' };
  /** A posting member of the government organisation (the observer of that organisation reads only). */
  let govMember: TestUser;
  let db: Client;

  beforeAll(async () => {
    orgs.cso = await organizationIdOf(t, cast.member);
    orgs.gov = await organizationIdOf(t, cast.governmentAnchor);
    orgs.outside = (await createGovernment(t, 'KE')).id;
    govMember = await createUser(t, { organizationId: orgs.gov });
    await addMember(t, cast.group, govMember, GroupRole.Member);
    db = new Client({ connectionString: t.databaseUrl });
    // useGroupCast's afterAll (registered first, so run first) drops the test database under this connection.
    db.on('error', () => undefined);
    await db.connect();
  });
  afterAll(() => db.end().catch(() => undefined));

  const path = () => `/working-groups/${cast.group.slug}/assistance-requests`;
  const ask = (as: TestUser, fields: Record<string, unknown> = {}) =>
    t.http
      .post(path())
      .set(as.auth)
      .send({
        kind: 'peer_exchange',
        topic: 'Beneficial ownership registers',
        description: 'We are designing ours and would like to learn from a peer.',
        requestingOrganizationId: orgs.cso,
        ...fields,
      });
  const step = (id: string, as: TestUser, body: Record<string, unknown>) =>
    t.http.patch(`/assistance-requests/${id}`).set(as.auth).send(body);
  const open = async () => (await insertAssistanceRequest(t, cast.group.id, cast.member.id, orgs.cso)).id;
  const inStatus = async (status: AssistanceStatus) =>
    (
      await insertAssistanceRequest(t, cast.group.id, cast.member.id, orgs.cso, {
        status,
        offeringOrganizationId: status === AssistanceStatus.Open ? undefined : orgs.gov,
      })
    ).id;

  /** A refusal that changed nothing: no audit event, no step, no change of the request. */
  async function refused(
    id: string | null,
    send: () => PromiseLike<{ status: number; body: unknown }>,
    status: number,
  ) {
    const before = {
      audits: await auditCount(t),
      steps: await t.em().count(AssistanceRequestStep),
      requests: await t.em().count(AssistanceRequest),
      row: id ? await t.em().findOneOrFail(AssistanceRequest, { id }) : null,
    };
    const res = await send();
    expect(res.status).toBe(status);
    expect(await auditCount(t)).toBe(before.audits);
    expect(await t.em().count(AssistanceRequestStep)).toBe(before.steps);
    expect(await t.em().count(AssistanceRequest)).toBe(before.requests);
    if (id) {
      const row = await t.em().findOneOrFail(AssistanceRequest, { id });
      expect([row.status, row.offeringOrganization?.id ?? null]).toEqual([
        before.row!.status,
        before.row!.offeringOrganization?.id ?? null,
      ]);
    }
    return res.body as { code: string; errors?: { path: string }[]; params?: Record<string, unknown> };
  }

  describe('asking', () => {
    it('a member asks for their own organisation: open, with its first step, audited', async () => {
      const res = await ask(cast.member).expect(201);
      expect(res.body).toMatchObject({
        groupSlug: cast.group.slug,
        kind: 'peer_exchange',
        topic: 'Beneficial ownership registers',
        status: 'open',
        requestingOrganization: { id: orgs.cso, kind: 'civil_society' },
        offeringOrganization: null,
        createdBy: { id: cast.member.id, displayName: cast.member.displayName },
        closedAt: null,
        history: [{ fromStatus: null, toStatus: 'open', actor: { id: cast.member.id }, note: null }],
      });
      expect(Object.keys(res.body.requestingOrganization).sort()).toEqual(['id', 'kind', 'name']);
      expect(await lastAuditEvent(t, cast.group.id)).toMatchObject({
        action: 'assistance_request.created',
        entityType: 'AssistanceRequest',
        entityId: res.body.id,
      });
      const feed = await t.http
        .get(`/working-groups/${cast.group.slug}/activity`)
        .set(cast.observer.auth)
        .expect(200);
      expect(feed.body.items[0]).toMatchObject({
        action: 'assistance_request.created',
        entityId: res.body.id,
      });
    });

    it('a member may not ask for another organisation, even a member one (403)', async () => {
      const body = await refused(null, () => ask(cast.member, { requestingOrganizationId: orgs.gov }), 403);
      expect(body.code).toBe('assistance.not_own_organization');
    });

    it('an observer may not ask (403), nor may an outsider of the same organisation', async () => {
      expect(
        (await refused(null, () => ask(cast.observer, { requestingOrganizationId: orgs.gov }), 403)).code,
      ).toBe('group.role_required');
      expect((await refused(null, () => ask(cast.outsider), 403)).code).toBe('group.role_required');
    });

    it('anchors and stewards ask on behalf of a member organisation', async () => {
      const res = await ask(cast.governmentAnchor, { kind: 'technical_assistance' }).expect(201);
      expect(res.body).toMatchObject({
        kind: 'technical_assistance',
        requestingOrganization: { id: orgs.cso },
        createdBy: { id: cast.governmentAnchor.id },
      });
      await ask(cast.steward, { requestingOrganizationId: orgs.gov }).expect(201);
    });

    it('not for an organisation without an active member in the group (422)', async () => {
      const body = await refused(
        null,
        () => ask(cast.governmentAnchor, { requestingOrganizationId: orgs.outside }),
        422,
      );
      expect(body).toMatchObject({
        code: 'assistance.organization_not_member',
        errors: [{ path: 'requestingOrganizationId' }],
      });
    });

    it.each([
      ['an unknown kind', { kind: 'funding' }, 'kind'],
      ['an empty topic', { topic: ' ' }, 'topic'],
      ['a long topic', { topic: 't'.repeat(201) }, 'topic'],
      ['no description', { description: undefined }, 'description'],
      ['a malformed organisation id', { requestingOrganizationId: 'cso' }, 'requestingOrganizationId'],
      ['no organisation', { requestingOrganizationId: undefined }, 'requestingOrganizationId'],
      ['a status', { status: 'matched' }, 'status'],
      [
        'an offering organisation',
        { offeringOrganizationId: orgs.gov || '00000000-0000-4000-8000-000000000000' },
        'offeringOrganizationId',
      ],
    ])('refuses %s with 422', async (_label, fields, field) => {
      const body = await refused(null, () => ask(cast.member, fields), 422);
      expect(body.errors?.map((e) => e.path)).toContain(field);
    });
  });

  describe('steps', () => {
    it('walks open → matched → in_progress → closed, each step with who, when and its note', async () => {
      const id = (await ask(cast.member).expect(201)).body.id as string;
      const matched = await step(id, cast.civilSocietyAnchor, {
        status: 'matched',
        offeringOrganizationId: orgs.gov,
        note: 'The ministry published its register in 2024',
      }).expect(200);
      expect(matched.body).toMatchObject({
        status: 'matched',
        offeringOrganization: { id: orgs.gov, kind: 'government' },
        closedAt: null,
      });
      const event = await lastAuditEvent(t, cast.group.id);
      expect(event).toMatchObject({ action: 'assistance_request.status_changed', entityId: id });
      expect(event?.before).toMatchObject({ status: 'open', offeringOrganizationId: null });
      expect(event?.after).toMatchObject({ status: 'matched', offeringOrganizationId: orgs.gov });

      await step(id, govMember, { status: 'in_progress' }).expect(200); // the offering organisation
      const closed = await step(id, cast.member, { status: 'closed', note: 'Two calls held' }).expect(200);
      expect(closed.body.status).toBe('closed');
      expect(new Date(closed.body.closedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(
        (
          closed.body.history as {
            fromStatus: string | null;
            toStatus: string;
            actor: { id: string };
            note: string | null;
          }[]
        ).map((s) => [s.fromStatus, s.toStatus, s.actor.id, s.note]),
      ).toEqual([
        [null, 'open', cast.member.id, null],
        ['open', 'matched', cast.civilSocietyAnchor.id, 'The ministry published its register in 2024'],
        ['matched', 'in_progress', govMember.id, null],
        ['in_progress', 'closed', cast.member.id, 'Two calls held'],
      ]);
      const rows = await db.query(
        'select from_status, to_status, actor_id, note, created_at from assistance_request_step where request_id = $1 order by created_at',
        [id],
      );
      expect(rows.rows.map((r: { to_status: string }) => r.to_status)).toEqual([
        'open',
        'matched',
        'in_progress',
        'closed',
      ]);
      const got = await t.http.get(`/assistance-requests/${id}`).set(cast.observer.auth).expect(200);
      expect(got.body).toEqual(closed.body);
    });

    it.each([
      [AssistanceStatus.Open, 'in_progress'],
      [AssistanceStatus.Open, 'closed'],
      [AssistanceStatus.Open, 'open'],
      [AssistanceStatus.Matched, 'matched'],
      [AssistanceStatus.Matched, 'closed'],
      [AssistanceStatus.Matched, 'open'],
      [AssistanceStatus.InProgress, 'matched'],
      [AssistanceStatus.InProgress, 'in_progress'],
      [AssistanceStatus.Closed, 'withdrawn'],
      [AssistanceStatus.Closed, 'in_progress'],
      [AssistanceStatus.Withdrawn, 'matched'],
      [AssistanceStatus.Withdrawn, 'withdrawn'],
    ])('refuses %s → %s with 409 (an anchor asking)', async (from, to) => {
      const id = await inStatus(from);
      const body = await refused(
        id,
        () =>
          step(id, cast.governmentAnchor, {
            status: to,
            ...(to === 'matched' ? { offeringOrganizationId: orgs.gov } : {}),
          }),
        to === 'open' ? 403 : 409,
      );
      if (to === 'open') expect(body.code).toBe('assistance.step_forbidden');
      else expect(body).toMatchObject({ code: 'assistance.invalid_transition', params: { from, to } });
    });

    it('match: anchors only, naming a member organisation other than the requester', async () => {
      const id = await open();
      expect(
        (
          await refused(
            id,
            () => step(id, cast.member, { status: 'matched', offeringOrganizationId: orgs.gov }),
            403,
          )
        ).code,
      ).toBe('assistance.step_forbidden');
      expect(
        (
          await refused(
            id,
            () => step(id, govMember, { status: 'matched', offeringOrganizationId: orgs.gov }),
            403,
          )
        ).code,
      ).toBe('assistance.step_forbidden');
      const missing = await refused(id, () => step(id, cast.governmentAnchor, { status: 'matched' }), 422);
      expect(missing.errors?.map((e) => e.path)).toEqual(['offeringOrganizationId']);
      const self = await refused(
        id,
        () => step(id, cast.governmentAnchor, { status: 'matched', offeringOrganizationId: orgs.cso }),
        422,
      );
      expect(self.errors?.map((e) => e.path)).toEqual(['offeringOrganizationId']);
      const outside = await refused(
        id,
        () => step(id, cast.governmentAnchor, { status: 'matched', offeringOrganizationId: orgs.outside }),
        422,
      );
      expect(outside).toMatchObject({
        code: 'assistance.organization_not_member',
        errors: [{ path: 'offeringOrganizationId' }],
      });
      const unknown = await refused(
        id,
        () =>
          step(id, cast.governmentAnchor, {
            status: 'matched',
            offeringOrganizationId: '00000000-0000-4000-8000-000000000000',
          }),
        422,
      );
      expect(unknown.code).toBe('assistance.organization_not_member');
      await step(id, cast.steward, { status: 'matched', offeringOrganizationId: orgs.gov }).expect(200);
    });

    it('an offering organisation goes with matched only (422 otherwise)', async () => {
      const id = await inStatus(AssistanceStatus.Matched);
      const body = await refused(
        id,
        () => step(id, cast.governmentAnchor, { status: 'in_progress', offeringOrganizationId: orgs.gov }),
        422,
      );
      expect(body.errors?.map((e) => e.path)).toEqual(['offeringOrganizationId']);
    });

    it('in_progress and closed: the requesting or offering organisation’s posting members, anchors; not observers', async () => {
      const id = await inStatus(AssistanceStatus.Matched);
      // The observer belongs to the offering organisation but reads only.
      expect((await refused(id, () => step(id, cast.observer, { status: 'in_progress' }), 403)).code).toBe(
        'assistance.step_forbidden',
      );
      await step(id, cast.member, { status: 'in_progress' }).expect(200);
      await refused(id, () => step(id, cast.observer, { status: 'closed' }), 403);
      await step(id, govMember, { status: 'closed' }).expect(200);
    });

    it('withdrawn: the requesting organisation’s members or anchors, from open, matched or in_progress', async () => {
      for (const from of [AssistanceStatus.Open, AssistanceStatus.Matched, AssistanceStatus.InProgress]) {
        const id = await inStatus(from);
        // A member of the offering organisation may not withdraw what another organisation asked for.
        const body = await refused(id, () => step(id, govMember, { status: 'withdrawn' }), 403);
        expect(body).toMatchObject({ code: 'assistance.step_forbidden', params: { to: 'withdrawn' } });
        const res = await step(id, cast.member, { status: 'withdrawn', note: 'No longer needed' }).expect(
          200,
        );
        expect(res.body.status).toBe('withdrawn');
        expect(res.body.closedAt).not.toBeNull();
        expect(res.body.history.at(-1)).toMatchObject({
          fromStatus: from,
          toStatus: 'withdrawn',
          note: 'No longer needed',
        });
      }
      await step(await open(), cast.civilSocietyAnchor, { status: 'withdrawn' }).expect(200);
    });

    it('a member whose organisation changed no longer acts for the old one', async () => {
      const mover = await createUser(t, { organizationId: orgs.cso });
      await addMember(t, cast.group, mover, GroupRole.Member);
      const id = await open();
      await db.query('update "user" set organization_id = $2 where id = $1', [mover.id, orgs.gov]);
      await refused(id, () => step(id, mover, { status: 'withdrawn' }), 403);
    });

    it.each([
      [{ status: 'done' }, 'status'],
      [{}, 'status'],
      [{ status: 'withdrawn', note: 'n'.repeat(2001) }, 'note'],
      [{ status: 'withdrawn', extra: true }, 'extra'],
      [{ status: 'matched', offeringOrganizationId: 'gov' }, 'offeringOrganizationId'],
    ])('refuses body %j with 422', async (body, field) => {
      const id = await open();
      const res = await refused(id, () => step(id, cast.governmentAnchor, body), 422);
      expect(res.errors?.map((e) => e.path)).toContain(field);
    });

    it('hides a request from those who may not read it (404), unknown ids too', async () => {
      const id = await open();
      for (const who of [cast.outsider, cast.otherAnchor]) {
        await refused(id, () => step(id, who, { status: 'withdrawn' }), 404);
        await t.http.get(`/assistance-requests/${id}`).set(who.auth).expect(404);
      }
      const res = await t.http
        .get('/assistance-requests/00000000-0000-4000-8000-000000000000')
        .set(cast.member.auth)
        .expect(404);
      expect(res.body.detail).toBe('Assistance request was not found.');
      await t.http.get('/assistance-requests/x').set(cast.member.auth).expect(404);
    });
  });
});
