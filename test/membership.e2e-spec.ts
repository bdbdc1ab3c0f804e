import { DomainHooks } from '../src/common/events/hooks';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import {
  GroupRole,
  MembershipStatus,
  GroupStatus,
  GroupVisibility,
  JoinPolicy,
} from '../src/groups/groups.enums';
import { OrganizationKind } from '../src/organizations/organizations.enums';
import { auditCount, lastAuditEvent } from './factories/audit';
import { addMember, createGroup, createGroupCast, useGroupCast } from './factories/groups';
import { createCivilSociety, createGovernment, createOrganization } from './factories/organizations';
import { createUser, TestUser } from './factories/users';

describe('membership', () => {
  const { t, cast } = useGroupCast();
  const ended: { groupSlug: string; userId: string; status: string }[] = [];

  beforeAll(() => {
    t.app.get(DomainHooks).onCommitted('membership.ended', (payload) => {
      ended.push(payload);
    });
  });

  const members = (slug: string) => `/working-groups/${slug}/members`;
  const rows = (groupId: string, userId: string) =>
    t.em().count(Membership, { group: groupId, user: userId });

  it('joins an open group, repeats idempotently, leaves and rejoins on the same row', async () => {
    const group = await createGroup(t, { joinPolicy: JoinPolicy.Open });
    const user = await createUser(t);
    const joined = await t.http.post(members(group.slug)).set(user.auth).send({}).expect(201);
    expect(joined.body).toMatchObject({
      userId: user.id,
      role: 'member',
      status: 'active',
      anchorType: null,
    });
    const events = await auditCount(t, group.id);
    const again = await t.http.post(members(group.slug)).set(user.auth).expect(200);
    expect(again.body.status).toBe('active');
    expect(await auditCount(t, group.id)).toBe(events);
    const left = await t.http
      .delete(`${members(group.slug)}/${user.id}`)
      .set(user.auth)
      .expect(200);
    expect(left.body.status).toBe('left');
    expect(ended).toContainEqual(
      expect.objectContaining({ groupSlug: group.slug, userId: user.id, status: 'left' }),
    );
    await t.http.post(members(group.slug)).set(user.auth).expect(201);
    expect(await rows(group.id, user.id)).toBe(1);
  });

  it('asks for approval in an approval group; a requester cannot approve themselves; an anchor can', async () => {
    const user = await createUser(t);
    const requested = await t.http.post(members(cast.group.slug)).set(user.auth).expect(201);
    expect(requested.body.status).toBe('requested');
    const before = await auditCount(t, cast.group.id);
    const self = await t.http
      .patch(`${members(cast.group.slug)}/${user.id}`)
      .set(user.auth)
      .send({ status: 'active' })
      .expect(403);
    expect(self.body.code).toBe('membership.self_approval');
    await t.http
      .patch(`${members(cast.group.slug)}/${user.id}`)
      .set(cast.member.auth)
      .send({ status: 'active' })
      .expect(403);
    expect(await auditCount(t, cast.group.id)).toBe(before);
    const approved = await t.http
      .patch(`${members(cast.group.slug)}/${user.id}`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ status: 'active' })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'active', approvedBy: cast.civilSocietyAnchor.id });
    expect(approved.body.approvedAt).toEqual(expect.any(String));
    expect((await lastAuditEvent(t, cast.group.id))?.action).toBe('membership.approved');
  });

  it('lets an anchor reject a request', async () => {
    const user = await createUser(t);
    await t.http.post(members(cast.group.slug)).set(user.auth).expect(201);
    const res = await t.http
      .patch(`${members(cast.group.slug)}/${user.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'rejected' })
      .expect(200);
    expect(res.body.status).toBe('rejected');
  });

  it('hides a members-only group from outsiders: joining is 404; an invitation can be accepted or declined', async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members, joinPolicy: JoinPolicy.Open });
    await addMember(t, hidden, cast.governmentAnchor, GroupRole.Anchor);
    const [invitee, decliner] = [await createUser(t), await createUser(t)];
    await t.http.post(members(hidden.slug)).set(invitee.auth).expect(404);
    const invited = await t.http
      .post(members(hidden.slug))
      .set(cast.governmentAnchor.auth)
      .send({ userId: invitee.id })
      .expect(201);
    expect(invited.body.status).toBe('invited');
    await t.http
      .post(members(hidden.slug))
      .set(cast.governmentAnchor.auth)
      .send({ userId: invitee.id })
      .expect(200);
    await t.http.get(`/working-groups/${hidden.slug}`).set(invitee.auth).expect(200);
    await t.http
      .patch(`${members(hidden.slug)}/${invitee.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'active' })
      .expect(403);
    const accepted = await t.http
      .patch(`${members(hidden.slug)}/${invitee.id}`)
      .set(invitee.auth)
      .send({ status: 'active' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'active', approvedBy: cast.governmentAnchor.id });
    await t.http
      .post(members(hidden.slug))
      .set(cast.governmentAnchor.auth)
      .send({ userId: decliner.id })
      .expect(201);
    const declined = await t.http
      .patch(`${members(hidden.slug)}/${decliner.id}`)
      .set(decliner.auth)
      .send({ status: 'rejected' })
      .expect(200);
    expect(declined.body.status).toBe('rejected');
    await t.http.get(`/working-groups/${hidden.slug}`).set(decliner.auth).expect(404);
  });

  it('lets stewards add anchors directly; only government and civil-society people can anchor', async () => {
    const group = await createGroup(t, { status: GroupStatus.Proposed });
    const gov = await createUser(t, { organizationId: (await createGovernment(t)).id });
    const multi = await createUser(t, {
      organizationId: (await createOrganization(t, { kind: OrganizationKind.Multilateral })).id,
    });
    const loner = await createUser(t);
    const added = await t.http
      .post(members(group.slug))
      .set(cast.steward.auth)
      .send({ userId: gov.id, role: 'anchor' })
      .expect(201);
    expect(added.body).toMatchObject({
      status: 'active',
      role: 'anchor',
      anchorType: 'government',
      approvedBy: cast.steward.id,
    });
    const before = await auditCount(t, group.id);
    for (const who of [multi, loner]) {
      const res = await t.http
        .post(members(group.slug))
        .set(cast.steward.auth)
        .send({ userId: who.id, role: 'anchor' })
        .expect(409);
      expect(res.body.code).toBe('membership.anchor_needs_organization');
      expect(res.body.detail).toMatch(/government or a civil-society organisation/);
    }
    await t.http
      .post(members(group.slug))
      .set(cast.steward.auth)
      .send({ userId: gov.id, role: 'chair' })
      .expect(422);
    await t.http.post(members(group.slug)).set(cast.steward.auth).send({ role: 'anchor' }).expect(422);
    expect(await auditCount(t, group.id)).toBe(before);
  });

  it('changes roles by anchors only', async () => {
    const { group, member, observer, governmentAnchor } = await createGroupCast(t);
    await t.http
      .patch(`${members(group.slug)}/${observer.id}`)
      .set(member.auth)
      .send({ role: 'member' })
      .expect(403);
    const res = await t.http
      .patch(`${members(group.slug)}/${observer.id}`)
      .set(governmentAnchor.auth)
      .send({ role: 'member' })
      .expect(200);
    expect(res.body.role).toBe('member');
    expect((await lastAuditEvent(t, group.id))?.action).toBe('membership.role_changed');
  });

  it('refuses to remove, demote or let leave the last anchor of a type of an active group', async () => {
    const c = await createGroupCast(t);
    const before = await auditCount(t, c.group.id);
    const demote = await t.http
      .patch(`${members(c.group.slug)}/${c.governmentAnchor.id}`)
      .set(c.civilSocietyAnchor.auth)
      .send({ role: 'member' })
      .expect(409);
    expect(demote.body.params.missing).toEqual(['government']);
    expect(demote.body.detail).toMatch(/last active government anchor/);
    const leave = await t.http
      .delete(`${members(c.group.slug)}/${c.civilSocietyAnchor.id}`)
      .set(c.civilSocietyAnchor.auth)
      .expect(409);
    expect(leave.body.params.missing).toEqual(['civil_society']);
    await t.http
      .delete(`${members(c.group.slug)}/${c.governmentAnchor.id}`)
      .set(c.steward.auth)
      .expect(409);
    expect(await auditCount(t, c.group.id)).toBe(before);
    // A proposed group has no such invariant yet.
    const proposed = await createGroup(t, { status: GroupStatus.Proposed });
    await addMember(t, proposed, c.governmentAnchor, GroupRole.Anchor);
    await t.http
      .delete(`${members(proposed.slug)}/${c.governmentAnchor.id}`)
      .set(c.governmentAnchor.auth)
      .expect(200);
  });

  it('serialises two concurrent demotions of the two government anchors: one wins, one is refused', async () => {
    const c = await createGroupCast(t);
    const gov2 = await createUser(t, { organizationId: (await createGovernment(t)).id });
    await addMember(t, c.group, gov2, GroupRole.Anchor);
    const demote = (target: TestUser, by: TestUser) =>
      t.http
        .patch(`${members(c.group.slug)}/${target.id}`)
        .set(by.auth)
        .send({ role: 'member' });
    const results = await Promise.all([
      demote(c.governmentAnchor, c.civilSocietyAnchor),
      demote(gov2, c.steward),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const govAnchors = await t
      .em()
      .find(
        Membership,
        { group: c.group.id, status: MembershipStatus.Active, role: GroupRole.Anchor },
        { populate: ['user.organization'] },
      );
    expect(
      govAnchors.filter(
        (m) => m.user.getEntity().organization?.getEntity()?.kind === OrganizationKind.Government,
      ),
    ).toHaveLength(1);
  });

  it('removes a member (anchor) and emits membership.ended after commit', async () => {
    const c = await createGroupCast(t);
    const res = await t.http
      .delete(`${members(c.group.slug)}/${c.member.id}`)
      .set(c.governmentAnchor.auth)
      .expect(200);
    expect(res.body.status).toBe('removed');
    expect(ended).toContainEqual({
      groupId: c.group.id,
      groupSlug: c.group.slug,
      userId: c.member.id,
      status: 'removed',
    });
    await t.http
      .delete(`${members(c.group.slug)}/${c.observer.id}`)
      .set(c.member.auth)
      .expect(403);
    // Removed people must be approved again, even where joining is open.
    await t.http
      .patch(`/working-groups/${c.group.slug}`)
      .set(c.steward.auth)
      .send({ joinPolicy: 'open' })
      .expect(200);
    const back = await t.http.post(members(c.group.slug)).set(c.member.auth).expect(201);
    expect(back.body.status).toBe('requested');
  });

  it('shows emails to anchors and admins only, and only anchors to anonymous visitors', async () => {
    const anchorView = await t.http.get(members(cast.group.slug)).set(cast.governmentAnchor.auth).expect(200);
    expect(anchorView.body.items[0].user.email).toEqual(expect.stringContaining('@'));
    const adminView = await t.http.get(members(cast.group.slug)).set(cast.admin.auth).expect(200);
    expect(adminView.body.items[0].user.email).toBeDefined();
    const memberView = await t.http.get(members(cast.group.slug)).set(cast.member.auth).expect(200);
    expect(JSON.stringify(memberView.body)).not.toContain('@');
    expect(memberView.body.items.map((m: { role: string }) => m.role)).toEqual(
      expect.arrayContaining(['anchor', 'member', 'observer']),
    );
    const anon = await t.http.get(members(cast.group.slug)).expect(200);
    expect(anon.body.items.every((m: { role: string }) => m.role === 'anchor')).toBe(true);
    expect(anon.body.items[0].user.organization).toMatchObject({ kind: expect.any(String) });
    await t.http
      .get(`${members(cast.group.slug)}?status=requested`)
      .set(cast.member.auth)
      .expect(403);
    await t.http
      .get(`${members(cast.group.slug)}?status=requested`)
      .set(cast.governmentAnchor.auth)
      .expect(200);
    await t.http
      .get(`${members(cast.group.slug)}?status=gone`)
      .set(cast.governmentAnchor.auth)
      .expect(422);
  });

  it('refuses an anchor of another group: 403 on a public group, 404 on a members-only one, with no change', async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    const target = await createUser(t);
    const before = await auditCount(t);
    await t.http
      .post(members(cast.group.slug))
      .set(cast.otherAnchor.auth)
      .send({ userId: target.id })
      .expect(403);
    await t.http
      .post(members(hidden.slug))
      .set(cast.otherAnchor.auth)
      .send({ userId: target.id })
      .expect(404);
    await t.http
      .patch(`${members(cast.group.slug)}/${cast.member.id}`)
      .set(cast.otherAnchor.auth)
      .send({ role: 'observer' })
      .expect(403);
    expect(await auditCount(t)).toBe(before);
    expect(await rows(cast.group.id, target.id)).toBe(0);
  });

  it('refuses an organisation change while the user anchors a group', async () => {
    const other = await createCivilSociety(t);
    const res = await t.http
      .patch('/me')
      .set(cast.governmentAnchor.auth)
      .send({ organizationId: other.id })
      .expect(409);
    expect(res.body.code).toBe('membership.anchor_organization_locked');
    await t.http.patch('/me').set(cast.member.auth).send({ organizationId: other.id }).expect(200);
  });
});
