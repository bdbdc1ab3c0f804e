import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { groupScope, PLATFORM_SCOPE } from '../src/audit/audit-hash';
import { Channel } from '../src/discussion/entities/channel.entity';
import { ChannelKind } from '../src/discussion/discussion.enums';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { OrganizationKind } from '../src/organizations/organizations.enums';
import { GroupProposal } from '../src/steering/proposals/entities/group-proposal.entity';
import { ProposalStatus } from '../src/steering/proposals/proposals.enums';
import { User } from '../src/users/entities/user.entity';
import { auditCount } from './factories/audit';
import { createCivilSociety, createGovernment, createOrganization } from './factories/organizations';
import { proposalBody, setProposalStatus, submitProposal } from './factories/proposals';
import { createAdmin, createSteward, createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

describe('group proposals (issue 14 item 2)', () => {
  let t: TestApp;
  let gov: string;
  let cso: string;
  let multilateral: string;
  let proposer: TestUser;
  let govPerson: TestUser;
  let csoPerson: TestUser;
  let outsider: TestUser;
  let noOrganization: TestUser;
  let steward: TestUser;
  let admin: TestUser;
  let orgs: string[];

  beforeAll(async () => {
    t = await createTestApp();
    gov = (await createGovernment(t)).id;
    cso = (await createCivilSociety(t)).id;
    multilateral = (await createOrganization(t, { kind: OrganizationKind.Multilateral })).id;
    proposer = await createUser(t, { organizationId: cso });
    govPerson = await createUser(t, { organizationId: gov });
    csoPerson = await createUser(t, { organizationId: cso });
    outsider = await createUser(t, { organizationId: cso });
    noOrganization = await createUser(t);
    steward = await createSteward(t);
    admin = await createAdmin(t);
    orgs = [gov, cso];
  });
  afterAll(() => t.close());

  const decide = (user: TestUser, id: string, decision: string, rationale = 'Because.') =>
    t.http.post(`/proposals/${id}/decision`).set(user.auth).send({ decision, rationale });

  describe('submitting', () => {
    it('creates a pending proposal with its first revision, audited in the platform chain', async () => {
      const before = await auditCount(t);
      const res = await t.http
        .post('/proposals')
        .set(proposer.auth)
        .send(proposalBody(orgs, { name: 'Climate Transparency', proposedAnchorUserIds: [govPerson.id] }))
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Climate Transparency',
        theme: 'climate',
        status: 'submitted',
        revisionNumber: 1,
        proposer: { id: proposer.id, organization: { id: cso } },
        proposedAnchorOrganizationIds: orgs,
        proposedAnchorUserIds: [govPerson.id],
        proposedAnchors: [{ id: govPerson.id, organization: { id: gov, kind: 'government' } }],
        decision: null,
        groupSlug: null,
        commentCount: 0,
      });
      expect(res.body.proposedAnchorOrganizations.map((o: { kind: string }) => o.kind)).toEqual([
        'government',
        'civil_society',
      ]);
      expect(res.body.revisions).toEqual([
        expect.objectContaining({
          number: 1,
          name: 'Climate Transparency',
          proposedAnchorOrganizationIds: orgs,
        }),
      ]);
      expect(await auditCount(t)).toBe(before + 1);
      const event = await t.em().findOneOrFail(AuditEvent, { entityId: res.body.id });
      expect(event).toMatchObject({
        scope: PLATFORM_SCOPE,
        action: 'proposal.submitted',
        actorId: proposer.id,
      });
    });

    it('refuses someone who belongs to no organisation (403)', async () => {
      const res = await t.http
        .post('/proposals')
        .set(noOrganization.auth)
        .send(proposalBody(orgs))
        .expect(403);
      expect(res.body.code).toBe('proposal.organization_required');
    });

    it.each([
      ['no government organisation', () => [cso], ['government']],
      ['no civil-society organisation', () => [gov], ['civil_society']],
    ])('refuses %s (422 proposal.anchor_types_missing)', async (_name, ids, missing) => {
      const other = await createCivilSociety(t);
      const list = ids()[0] === cso ? [cso, other.id] : [gov, (await createGovernment(t)).id];
      const before = await auditCount(t);
      const res = await t.http.post('/proposals').set(proposer.auth).send(proposalBody(list)).expect(422);
      expect(res.body).toMatchObject({ code: 'proposal.anchor_types_missing', params: { missing } });
      expect(res.body.errors[0].path).toBe('proposedAnchorOrganizationIds');
      expect(await auditCount(t)).toBe(before);
    });

    it.each([
      [
        'an unknown organisation',
        () => proposalBody([gov, cso, '00000000-0000-4000-8000-000000000000']),
        'proposedAnchorOrganizationIds[2]',
      ],
      [
        'a multilateral organisation',
        () => proposalBody([gov, cso, multilateral]),
        'proposedAnchorOrganizationIds[2]',
      ],
      ['a single organisation', () => proposalBody([gov]), 'proposedAnchorOrganizationIds'],
      ['a repeated organisation', () => proposalBody([gov, gov]), 'proposedAnchorOrganizationIds'],
      ['a non-uuid organisation', () => proposalBody([gov, 'nope']), 'proposedAnchorOrganizationIds'],
      [
        'a named anchor outside the organisations',
        () => proposalBody(orgs, { proposedAnchorUserIds: [noOrganization.id] }),
        'proposedAnchorUserIds[0]',
      ],
      [
        'an unknown named anchor',
        () => proposalBody(orgs, { proposedAnchorUserIds: ['00000000-0000-4000-8000-000000000000'] }),
        'proposedAnchorUserIds[0]',
      ],
      ['a theme that is not snake_case', () => proposalBody(orgs, { theme: 'Climate Change' }), 'theme'],
      ['an empty scope', () => proposalBody(orgs, { scope: '' }), 'scope'],
      ['a missing rationale', () => ({ ...proposalBody(orgs), rationale: undefined }), 'rationale'],
      ['an unknown field', () => proposalBody(orgs, { visibility: 'members' }), 'visibility'],
      [
        'a null list of named anchors',
        () => proposalBody(orgs, { proposedAnchorUserIds: null }),
        'proposedAnchorUserIds',
      ],
    ])('refuses %s (422 at its path), writing nothing', async (_name, body, path) => {
      const [events, proposals] = [await auditCount(t), await t.em().count(GroupProposal)];
      const res = await t.http.post('/proposals').set(proposer.auth).send(body()).expect(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect([await auditCount(t), await t.em().count(GroupProposal)]).toEqual([events, proposals]);
    });
  });

  describe('who sees a proposal', () => {
    let id: string;
    beforeAll(async () => {
      id = (await submitProposal(t, proposer, orgs, { proposedAnchorUserIds: [govPerson.id] })).id;
    });

    it('the proposer, the committee and admins see it', async () => {
      for (const user of [proposer, steward, admin]) {
        await t.http.get(`/proposals/${id}`).set(user.auth).expect(200);
      }
    });

    it('others, a named anchor and people of the proposed organisations included, get 404', async () => {
      for (const user of [outsider, govPerson, csoPerson, noOrganization]) {
        const res = await t.http.get(`/proposals/${id}`).set(user.auth).expect(404);
        expect(res.body.detail).toBe('Proposal was not found.');
      }
      await t.http.get('/proposals/not-a-uuid').set(steward.auth).expect(404);
    });

    it('lists: the committee sees all (filter by status, paged), others their own', async () => {
      const mine = await submitProposal(t, outsider, orgs);
      await setProposalStatus(t, mine.id, ProposalStatus.Rejected);
      const own = await t.http.get('/proposals').set(outsider.auth).expect(200);
      expect(own.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
      const all = await t.http.get('/proposals?limit=200').set(steward.auth).expect(200);
      expect(all.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([id, mine.id]));
      const rejected = await t.http.get('/proposals?status=rejected').set(admin.auth).expect(200);
      expect(rejected.body.items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get(`/proposals?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set(steward.auth)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((p: { id: string }) => p.id));
      await t.http.get('/proposals?status=active').set(steward.auth).expect(422);
      await t.http.get('/proposals?cursor=forged').set(steward.auth).expect(422);
      expect((await t.http.get('/proposals').set(govPerson.auth).expect(200)).body.items).toEqual([]);
    });
  });

  describe('the dialogue', () => {
    it('proposer and committee comment; the list is oldest first; others get 404', async () => {
      const { id } = await submitProposal(t, proposer, orgs);
      await t.http
        .post(`/proposals/${id}/comments`)
        .set(steward.auth)
        .send({ body: 'Who else joins?' })
        .expect(201);
      const reply = await t.http
        .post(`/proposals/${id}/comments`)
        .set(proposer.auth)
        .send({ body: 'Two more ministries.' })
        .expect(201);
      expect(reply.body).toMatchObject({
        author: { id: proposer.id },
        body: 'Two more ministries.',
        decision: null,
      });
      await t.http.post(`/proposals/${id}/comments`).set(outsider.auth).send({ body: 'Me!' }).expect(404);
      await t.http.post(`/proposals/${id}/comments`).set(steward.auth).send({ body: ' ' }).expect(422);
      await t.http
        .post(`/proposals/${id}/comments`)
        .set(steward.auth)
        .send({ body: 'x', extra: 1 })
        .expect(422);
      const list = await t.http.get(`/proposals/${id}/comments`).set(proposer.auth).expect(200);
      expect(list.body.items.map((c: { body: string }) => c.body)).toEqual([
        'Who else joins?',
        'Two more ministries.',
      ]);
      const page = await t.http.get(`/proposals/${id}/comments?limit=1`).set(steward.auth).expect(200);
      const next = await t.http
        .get(`/proposals/${id}/comments?limit=1&cursor=${page.body.nextCursor}`)
        .set(steward.auth)
        .expect(200);
      expect([...page.body.items, ...next.body.items].map((c: { body: string }) => c.body)).toEqual(
        list.body.items.map((c: { body: string }) => c.body),
      );
      expect(next.body.nextCursor).toBeNull();
      await t.http.get(`/proposals/${id}/comments`).set(outsider.auth).expect(404);
      expect((await t.http.get(`/proposals/${id}`).set(steward.auth)).body.commentCount).toBe(2);
    });
  });

  describe('deciding and revising', () => {
    it('only the committee decides: 403 for the proposer, 404 for others, 422 for a bad decision', async () => {
      const { id } = await submitProposal(t, proposer, orgs);
      const before = await auditCount(t);
      expect((await decide(proposer, id, 'approved').expect(403)).body.code).toBe(
        'proposal.decision_forbidden',
      );
      await decide(outsider, id, 'approved').expect(404);
      await decide(govPerson, id, 'approved').expect(404);
      await decide(steward, id, 'continue').expect(422);
      await t.http
        .post(`/proposals/${id}/decision`)
        .set(steward.auth)
        .send({ decision: 'rejected' })
        .expect(422);
      await t.http
        .post(`/proposals/${id}/decision`)
        .set(steward.auth)
        .send({ decision: 'rejected', rationale: 'x', groupSlug: 'y' })
        .expect(422);
      expect(await auditCount(t)).toBe(before);
      expect((await t.em().findOneOrFail(GroupProposal, { id })).status).toBe(ProposalStatus.Submitted);
    });

    it('changes requested → the proposer revises (each revision kept) → pending again', async () => {
      const { id } = await submitProposal(t, proposer, orgs, { scope: 'First scope.' });
      const early = await t.http
        .patch(`/proposals/${id}`)
        .set(proposer.auth)
        .send({ scope: 'x' })
        .expect(409);
      expect(early.body).toMatchObject({ code: 'proposal.not_revisable', params: { status: 'submitted' } });
      const asked = await decide(steward, id, 'changes_requested', 'Name a government anchor.').expect(200);
      expect(asked.body).toMatchObject({
        status: 'changes_requested',
        decision: {
          decision: 'changes_requested',
          rationale: 'Name a government anchor.',
          decidedBy: { id: steward.id },
        },
        groupSlug: null,
      });
      expect(
        (await t.http.patch(`/proposals/${id}`).set(steward.auth).send({ scope: 'x' }).expect(403)).body.code,
      ).toBe('proposal.revision_forbidden');
      await t.http.patch(`/proposals/${id}`).set(outsider.auth).send({ scope: 'x' }).expect(404);
      await t.http
        .patch(`/proposals/${id}`)
        .set(proposer.auth)
        .send({ proposedAnchorOrganizationIds: [cso, (await createCivilSociety(t)).id] })
        .expect(422);
      await t.http.patch(`/proposals/${id}`).set(proposer.auth).send({ status: 'submitted' }).expect(422);
      await t.http.patch(`/proposals/${id}`).set(proposer.auth).send({ name: null }).expect(422);
      const revised = await t.http
        .patch(`/proposals/${id}`)
        .set(proposer.auth)
        .send({ scope: 'Second scope.', proposedAnchorUserIds: [govPerson.id] })
        .expect(200);
      expect(revised.body).toMatchObject({ status: 'submitted', revisionNumber: 2, scope: 'Second scope.' });
      expect(revised.body.revisions).toEqual([
        expect.objectContaining({ number: 1, scope: 'First scope.', proposedAnchorUserIds: [] }),
        expect.objectContaining({ number: 2, scope: 'Second scope.', proposedAnchorUserIds: [govPerson.id] }),
      ]);
      await t.http.patch(`/proposals/${id}`).set(proposer.auth).send({ scope: 'Third.' }).expect(409);
      const events = await t.em().find(AuditEvent, { entityId: id }, { orderBy: { seq: 'asc' } });
      expect(events.map((e) => e.action)).toEqual([
        'proposal.submitted',
        'proposal.decided',
        'proposal.revised',
      ]);
      const thread = await t.http.get(`/proposals/${id}/comments`).set(proposer.auth).expect(200);
      expect(thread.body.items).toEqual([
        expect.objectContaining({ decision: 'changes_requested', body: 'Name a government anchor.' }),
      ]);
    });

    it('a proposal waiting for changes may be rejected, not approved; decided ones are final (409)', async () => {
      const { id } = await submitProposal(t, proposer, orgs);
      await decide(steward, id, 'changes_requested').expect(200);
      expect((await decide(steward, id, 'approved').expect(409)).body.code).toBe('proposal.invalid_decision');
      await decide(steward, id, 'changes_requested').expect(409);
      await decide(admin, id, 'rejected').expect(200);
      const again = await decide(steward, id, 'approved').expect(409);
      expect(again.body).toMatchObject({ code: 'proposal.already_decided', params: { status: 'rejected' } });
      await t.http.patch(`/proposals/${id}`).set(proposer.auth).send({ scope: 'x' }).expect(409);
    });
  });

  describe('approval', () => {
    it('creates a proposed group with its general channel, invites the named anchors, records pending ones', async () => {
      const otherCso = (await createCivilSociety(t)).id;
      const { id } = await submitProposal(t, proposer, [gov, cso, otherCso], {
        name: 'Climate Finance Openness',
        scope: 'Climate finance, tracked in the open.',
        proposedAnchorUserIds: [govPerson.id, csoPerson.id],
      });
      const res = await decide(steward, id, 'approved', 'A clear gap.').expect(200);
      expect(res.body).toMatchObject({
        status: 'approved',
        groupSlug: 'climate-finance-openness',
        invitedAnchors: [{ id: govPerson.id }, { id: csoPerson.id }],
        pendingAnchorOrganizations: [{ id: otherCso }],
      });
      const em = t.em();
      const group = await em.findOneOrFail(WorkingGroup, { slug: res.body.groupSlug });
      expect(group).toMatchObject({
        name: 'Climate Finance Openness',
        theme: 'climate',
        description: 'Climate finance, tracked in the open.',
        status: 'proposed',
        visibility: 'public',
        joinPolicy: 'approval',
      });
      expect(await em.count(Channel, { group: group.id, kind: ChannelKind.General })).toBe(1);
      const memberships = await em.find(Membership, { group: group.id }, { orderBy: { createdAt: 'asc' } });
      expect(memberships.map((m) => [m.user.id, m.role, m.status, m.invitedBy?.id]).sort()).toEqual(
        [
          [govPerson.id, GroupRole.Anchor, MembershipStatus.Invited, steward.id],
          [csoPerson.id, GroupRole.Anchor, MembershipStatus.Invited, steward.id],
        ].sort(),
      );
      const groupEvents = await em.find(
        AuditEvent,
        { scope: groupScope(group.id) },
        { orderBy: { seq: 'asc' } },
      );
      expect(groupEvents.map((e) => e.action)).toEqual([
        'group.created',
        'membership.invited',
        'membership.invited',
      ]);
      const decided = await em.findOneOrFail(AuditEvent, { entityId: id, action: 'proposal.decided' });
      expect(decided.scope).toBe(PLATFORM_SCOPE);
      expect(decided.after).toMatchObject({ status: 'approved', groupSlug: group.slug });
      // The invitation is a real one: the invitee accepts it and is an anchor of the new group.
      await t.http
        .patch(`/working-groups/${group.slug}/members/${govPerson.id}`)
        .set(govPerson.auth)
        .send({ status: 'active' })
        .expect(200);
      expect((await decide(steward, id, 'approved').expect(409)).body.code).toBe('proposal.already_decided');
      expect(await t.em().count(WorkingGroup, { name: 'Climate Finance Openness' })).toBe(1);
    });

    it('a named anchor who left the proposed organisations is not invited; the organisation stays pending', async () => {
      const mover = await createUser(t, { organizationId: gov });
      const { id } = await submitProposal(t, proposer, orgs, { proposedAnchorUserIds: [mover.id] });
      await t.em().nativeUpdate(User, { id: mover.id }, { organization: multilateral });
      const res = await decide(admin, id, 'approved').expect(200);
      expect(res.body.invitedAnchors).toEqual([]);
      expect(res.body.pendingAnchorOrganizations.map((o: { id: string }) => o.id)).toEqual(orgs);
      const group = await t.em().findOneOrFail(WorkingGroup, { slug: res.body.groupSlug });
      expect(await t.em().count(Membership, { group: group.id })).toBe(0);
    });
  });
});
