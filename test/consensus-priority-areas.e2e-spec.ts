import { GroupRole } from '../src/groups/groups.enums';
import { PriorityArea } from '../src/consensus/entities/priority-area.entity';
import { PriorityAreaPosition } from '../src/consensus/entities/priority-area-position.entity';
import { auditCount, lastAuditEvent } from './factories/audit';
import { proposeArea, takePosition } from './factories/consensus';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createCivilSociety, createGovernment, createOrganization } from './factories/organizations';
import { createUser } from './factories/users';
import { OrganizationKind } from '../src/organizations/organizations.enums';

/**
 * Priority areas and consensus by constituency (docs/consensus.md): every rule and bad input of issue 14 item 1.
 * The cast: a government anchor, a civil-society anchor and a civil-society member (all verified), an observer.
 */
describe('priority areas', () => {
  const { t, cast } = useGroupCast();
  const areas = (slug = cast.group.slug) => `/working-groups/${slug}/priority-areas`;

  /** A fresh active group anchored by the cast's two anchors, with the cast's member and observer. */
  async function freshGroup(extra: Parameters<typeof createGroup>[1] = {}) {
    const group = await createGroup(t, extra);
    await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
    await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
    await addMember(t, group, cast.member, GroupRole.Member);
    await addMember(t, group, cast.observer, GroupRole.Observer);
    return group;
  }

  async function expectUnchanged(groupId: string, run: () => Promise<unknown>): Promise<void> {
    const before = await auditCount(t, groupId);
    await run();
    expect(await auditCount(t, groupId)).toBe(before);
  }

  it('a member proposes; the answer has the contract shape and counts only members and anchors', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug, { title: 'Beneficial ownership' });
    expect(area).toMatchObject({
      title: 'Beneficial ownership',
      description: 'Why it matters.',
      status: 'proposed',
      closesAt: null,
      outcome: null,
      overrideReason: null,
      reviewOn: null,
      myPosition: null,
      groupSlug: group.slug,
      unverified: { agree: 0, abstain: 0, object: 0, responded: 0 },
    });
    const side = (members: number) => ({
      agree: 0,
      abstain: 0,
      object: 0,
      members,
      responded: 0,
      responseRate: 0,
    });
    expect(area.tally).toEqual({
      government: side(1),
      civil_society: side(2),
      other: { ...side(0), responseRate: null },
    });
    // The observer does not take positions, so is neither counted nor listed.
    expect(area.notResponded.map((n: { userId: string }) => n.userId).sort()).toEqual(
      [cast.governmentAnchor.id, cast.civilSocietyAnchor.id, cast.member.id].sort(),
    );
    expect(area.notResponded).toContainEqual({
      userId: cast.governmentAnchor.id,
      displayName: cast.governmentAnchor.displayName,
      constituency: 'government',
      affiliationVerified: true,
    });
    const event = await lastAuditEvent(t, group.id);
    expect(event).toMatchObject({
      action: 'priority_area.proposed',
      entityId: area.id,
      actorId: cast.member.id,
    });
  });

  it('observers read but neither propose nor take positions (403, nothing changed)', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await expectUnchanged(group.id, async () => {
      const propose = await t.http
        .post(areas(group.slug))
        .set(cast.observer.auth)
        .send({ title: 'x', description: 'y' });
      expect(propose.status).toBe(403);
      expect(propose.body.code).toBe('group.role_required');
      const position = await t.http
        .put(`/priority-areas/${area.id}/position`)
        .set(cast.observer.auth)
        .send({ position: 'agree' });
      expect(position.status).toBe(403);
    });
    await t.http.get(`/priority-areas/${area.id}`).set(cast.observer.auth).expect(200);
  });

  it('refuses bad input with 422: empty title, unknown field, closesAt in the past, a bad position', async () => {
    const group = await freshGroup();
    await expectUnchanged(group.id, async () => {
      for (const body of [
        { title: '', description: 'd' },
        { title: '   ', description: 'd' },
        { title: 't' },
        { title: 't', description: 'd', extra: 1 },
        { title: 't', description: 'd', closesAt: '2020-01-01T00:00:00Z' },
        { title: 't', description: 'd', closesAt: '2027-02-30T00:00:00Z' },
      ]) {
        const res = await t.http.post(areas(group.slug)).set(cast.member.auth).send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
      }
      const area = (await t.em().findOne(PriorityArea, { group: group.id })) ?? null;
      expect(area).toBeNull();
    });
    const area = await proposeArea(t, cast.member, group.slug);
    for (const body of [{ position: 'maybe' }, {}, { position: 'agree', extra: true }]) {
      const res = await t.http.put(`/priority-areas/${area.id}/position`).set(cast.member.auth).send(body);
      expect(res.status).toBe(422);
    }
  });

  it('an objection needs a non-blank reason (422, nothing changed)', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await expectUnchanged(group.id, async () => {
      for (const reason of [undefined, '', '    ']) {
        const res = await t.http
          .put(`/priority-areas/${area.id}/position`)
          .set(cast.member.auth)
          .send({ position: 'object', ...(reason !== undefined ? { reason } : {}) });
        expect(res.status).toBe(422);
        expect(res.body.errors[0].path).toBe('reason');
      }
    });
    expect(await t.em().count(PriorityAreaPosition, { priorityArea: area.id })).toBe(0);
    const objected = await takePosition(t, cast.member, area.id, 'object', 'Not without a budget line.');
    expect(objected.myPosition).toMatchObject({
      position: 'object',
      reason: 'Not without a budget line.',
      constituency: 'civil_society',
      affiliationVerified: true,
    });
  });

  it('a position changes in place until the area is decided; each change is audited', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await takePosition(t, cast.member, area.id, 'agree');
    const changed = await takePosition(t, cast.member, area.id, 'abstain');
    expect(changed.myPosition.position).toBe('abstain');
    expect(changed.tally.civil_society).toMatchObject({
      agree: 0,
      abstain: 1,
      responded: 1,
      members: 2,
      responseRate: 0.5,
    });
    expect(await t.em().count(PriorityAreaPosition, { priorityArea: area.id })).toBe(1);
    const event = await lastAuditEvent(t, group.id);
    expect(event).toMatchObject({ action: 'priority_area.position_recorded', entityId: area.id });
    expect(event?.after).toMatchObject({ userId: cast.member.id, position: 'abstain', changed: true });
  });

  it('adoption needs a verified government agree and a verified civil-society agree (409 with params.missing)', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    const adopt = () =>
      t.http.post(`/priority-areas/${area.id}/adopt`).set(cast.governmentAnchor.auth).send({});
    await expectUnchanged(group.id, async () => {
      const none = await adopt();
      expect(none.status).toBe(409);
      expect(none.body.code).toBe('priority_area.constituency_agreement_missing');
      expect(none.body.params.missing).toEqual(['government', 'civil_society']);
    });
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    const onlyGovernment = await adopt();
    expect(onlyGovernment.status).toBe(409);
    expect(onlyGovernment.body.params.missing).toEqual(['civil_society']);
    await takePosition(t, cast.governmentAnchor, area.id, 'abstain');
    await takePosition(t, cast.member, area.id, 'agree');
    const onlyCivilSociety = await adopt();
    expect(onlyCivilSociety.body.params.missing).toEqual(['government']);
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    const adopted = await t.http
      .post(`/priority-areas/${area.id}/adopt`)
      .set(cast.governmentAnchor.auth)
      .send({ outcome: 'We will publish registers.', reviewOn: '2027-06-30' })
      .expect(200);
    expect(adopted.body).toMatchObject({
      status: 'adopted',
      outcome: 'We will publish registers.',
      reviewOn: '2027-06-30',
      overrideReason: null,
      adoptedBy: cast.governmentAnchor.id,
    });
    expect(adopted.body.adoptedAt).toEqual(expect.any(String));
    const event = await lastAuditEvent(t, group.id);
    expect(event).toMatchObject({ action: 'priority_area.adopted', actorId: cast.governmentAnchor.id });
    expect((event?.after as { tally: { government: { agree: number } } }).tally.government.agree).toBe(1);
  });

  it('an open objection needs an overrideReason (409), which is then recorded and shown', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    await takePosition(t, cast.civilSocietyAnchor, area.id, 'agree');
    await takePosition(t, cast.member, area.id, 'object', 'Too narrow.');
    await expectUnchanged(group.id, async () => {
      for (const body of [{}, { overrideReason: '   ' }]) {
        const res = await t.http
          .post(`/priority-areas/${area.id}/adopt`)
          .set(cast.civilSocietyAnchor.auth)
          .send(body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('priority_area.objection_open');
        expect(res.body.params).toEqual({ objections: 1 });
      }
    });
    const adopted = await t.http
      .post(`/priority-areas/${area.id}/adopt`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ overrideReason: 'Scope widened in the outcome.' })
      .expect(200);
    expect(adopted.body.overrideReason).toBe('Scope widened in the outcome.');
    const read = await t.http.get(`/priority-areas/${area.id}`).expect(200);
    expect(read.body).toMatchObject({ status: 'adopted', overrideReason: 'Scope widened in the outcome.' });
  });

  it('only anchors adopt and retire; members and stewards are refused (403)', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    for (const who of [cast.member, cast.steward]) {
      const res = await t.http.post(`/priority-areas/${area.id}/adopt`).set(who.auth).send({});
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('group.role_required');
    }
  });

  it('decided areas are read-only: no position, no second adoption; retire only from adopted', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    const early = await t.http.post(`/priority-areas/${area.id}/retire`).set(cast.governmentAnchor.auth);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('priority_area.not_adopted');
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    await takePosition(t, cast.member, area.id, 'agree');
    await t.http.post(`/priority-areas/${area.id}/adopt`).set(cast.governmentAnchor.auth).expect(200);
    await expectUnchanged(group.id, async () => {
      const position = await t.http
        .put(`/priority-areas/${area.id}/position`)
        .set(cast.member.auth)
        .send({ position: 'abstain' });
      expect(position.status).toBe(409);
      expect(position.body.code).toBe('priority_area.decided');
      const again = await t.http
        .post(`/priority-areas/${area.id}/adopt`)
        .set(cast.governmentAnchor.auth)
        .send({});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('priority_area.decided');
    });
    const retired = await t.http
      .post(`/priority-areas/${area.id}/retire`)
      .set(cast.civilSocietyAnchor.auth)
      .expect(200);
    expect(retired.body.status).toBe('retired');
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    expect((await lastAuditEvent(t, group.id))?.action).toBe('priority_area.retired');
    const twice = await t.http.post(`/priority-areas/${area.id}/retire`).set(cast.civilSocietyAnchor.auth);
    expect(twice.body.code).toBe('priority_area.not_adopted');
    const position = await t.http
      .put(`/priority-areas/${area.id}/position`)
      .set(cast.member.auth)
      .send({ position: 'agree' });
    expect(position.body.code).toBe('priority_area.decided');
  });

  it('positions freeze once closesAt has passed (409 priority_area.closed)', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug, { closesAt: '2099-01-01T00:00:00Z' });
    expect(area.closesAt).toBe('2099-01-01T00:00:00.000Z');
    await takePosition(t, cast.member, area.id, 'agree');
    await t.em().nativeUpdate(PriorityArea, { id: area.id }, { closesAt: new Date(Date.now() - 1000) });
    await expectUnchanged(group.id, async () => {
      const res = await t.http
        .put(`/priority-areas/${area.id}/position`)
        .set(cast.member.auth)
        .send({ position: 'abstain' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('priority_area.closed');
    });
    const read = await t.http.get(`/priority-areas/${area.id}`).set(cast.member.auth).expect(200);
    expect(read.body.myPosition.position).toBe('agree');
  });

  it('shows unverified positions apart; they count for no side and not towards adoption', async () => {
    const group = await freshGroup();
    const cso = await createCivilSociety(t);
    const unverified = await createUser(t, { organizationId: cso.id, affiliationVerified: false });
    await addMember(t, group, unverified, GroupRole.Member);
    const area = await proposeArea(t, cast.member, group.slug);
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    const answer = await takePosition(t, unverified, area.id, 'agree');
    expect(answer.tally.civil_society).toMatchObject({ agree: 0, members: 2, responded: 0 });
    expect(answer.unverified).toEqual({ agree: 1, abstain: 0, object: 0, responded: 1 });
    expect(answer.myPosition).toMatchObject({ constituency: 'civil_society', affiliationVerified: false });
    const adopt = await t.http
      .post(`/priority-areas/${area.id}/adopt`)
      .set(cast.governmentAnchor.auth)
      .send({});
    expect(adopt.status).toBe(409);
    expect(adopt.body.params.missing).toEqual(['civil_society']);
  });

  it('the constituency is the organisation kind at the time of the position (changing organisation later keeps it)', async () => {
    const group = await freshGroup();
    const government = await createGovernment(t);
    const multilateral = await createOrganization(t, { kind: OrganizationKind.Multilateral });
    const official = await createUser(t, { organizationId: government.id });
    await addMember(t, group, official, GroupRole.Member);
    const area = await proposeArea(t, cast.member, group.slug);
    const before = await takePosition(t, official, area.id, 'agree');
    expect(before.tally.government).toMatchObject({ agree: 1, members: 2, responded: 1 });
    await t.http.patch('/me').set(official.auth).send({ organizationId: multilateral.id }).expect(200);
    const after = await t.http.get(`/priority-areas/${area.id}`).set(official.auth).expect(200);
    // The agreement still speaks for the government side; the person is now an unverified multilateral member.
    expect(after.body.tally.government).toMatchObject({ agree: 1, members: 1, responded: 0 });
    expect(after.body.tally.other).toMatchObject({ agree: 0, members: 0 });
    expect(after.body.myPosition).toMatchObject({ constituency: 'government', affiliationVerified: true });
    // A new position takes the new (unverified, other) snapshot.
    const again = await takePosition(t, official, area.id, 'agree');
    expect(again.myPosition).toMatchObject({ constituency: 'other', affiliationVerified: false });
    expect(again.tally.government.agree).toBe(0);
    expect(again.unverified.agree).toBe(1);
  });

  it('names who has not responded to members and stewards only', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    for (const who of [cast.observer, cast.steward]) {
      const res = await t.http.get(`/priority-areas/${area.id}`).set(who.auth).expect(200);
      expect(res.body.notResponded).toHaveLength(3);
    }
    for (const who of [null, cast.outsider]) {
      const req = t.http.get(`/priority-areas/${area.id}`);
      const res = await (who ? req.set(who.auth) : req).expect(200);
      expect(res.body.notResponded).toEqual([]);
      expect(res.body.notRespondedCount).toBe(3);
    }
  });

  it("a members-only group's areas are 404 for outsiders, list and item alike", async () => {
    const group = await freshGroup({ visibility: 'members' as never });
    const area = await proposeArea(t, cast.member, group.slug);
    for (const path of [areas(group.slug), `/priority-areas/${area.id}`]) {
      expect((await t.http.get(path)).status).toBe(404);
      expect((await t.http.get(path).set(cast.outsider.auth)).status).toBe(404);
      expect((await t.http.get(path).set(cast.member.auth)).status).toBe(200);
    }
    const hidden = await t.http.get(`/priority-areas/${area.id}`).set(cast.outsider.auth);
    expect(hidden.body.detail).toBe('Priority area was not found.');
  });

  it('lists newest first, filters by status, pages by cursor', async () => {
    const group = await freshGroup();
    const first = await proposeArea(t, cast.member, group.slug, { title: 'First' });
    const second = await proposeArea(t, cast.member, group.slug, { title: 'Second' });
    const third = await proposeArea(t, cast.member, group.slug, { title: 'Third' });
    await takePosition(t, cast.governmentAnchor, first.id, 'agree');
    await takePosition(t, cast.member, first.id, 'agree');
    await t.http.post(`/priority-areas/${first.id}/adopt`).set(cast.governmentAnchor.auth).expect(200);
    const page1 = await t.http.get(`${areas(group.slug)}?limit=2`).expect(200);
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual([third.id, second.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http
      .get(`${areas(group.slug)}?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    expect(page2.body.nextCursor).toBeNull();
    const adopted = await t.http.get(`${areas(group.slug)}?status=adopted`).expect(200);
    expect(adopted.body.items.map((a: { id: string }) => a.id)).toEqual([first.id]);
    expect(adopted.body.items[0].tally.government.agree).toBe(1);
    expect((await t.http.get(`${areas(group.slug)}?status=nope`)).status).toBe(422);
    expect((await t.http.get(`${areas(group.slug)}?cursor=garbage`)).status).toBe(422);
  });

  it('the activity feed shows the events, to members only', async () => {
    const group = await freshGroup({ visibility: 'members' as never });
    const area = await proposeArea(t, cast.member, group.slug);
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    const feed = await t.http
      .get(`/working-groups/${group.slug}/activity`)
      .set(cast.observer.auth)
      .expect(200);
    const actions = feed.body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['priority_area.position_recorded', 'priority_area.proposed']);
    expect((await t.http.get(`/working-groups/${group.slug}/activity`).set(cast.outsider.auth)).status).toBe(
      404,
    );
  });

  it('a sunset group no longer deliberates (409 priority_area.group_not_running)', async () => {
    const group = await freshGroup({ status: 'sunset' as never });
    const res = await t.http
      .post(areas(group.slug))
      .set(cast.member.auth)
      .send({ title: 't', description: 'd' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('priority_area.group_not_running');
  });
});
