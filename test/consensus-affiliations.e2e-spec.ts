import { PLATFORM_SCOPE } from '../src/audit/audit-hash';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { GroupRole, GroupStatus } from '../src/groups/groups.enums';
import { User } from '../src/users/entities/user.entity';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createCivilSociety, createGovernment } from './factories/organizations';
import { createUser, registerUser, login } from './factories/users';

/**
 * Verified affiliations (decision 0012): who may verify and withdraw, that changing organisation clears it, that
 * both are audited on the platform chain, and that only verified anchors count for a group's anchor invariant.
 */
describe('verified affiliations', () => {
  const { t, cast } = useGroupCast();
  const verification = (orgId: string, userId: string) =>
    `/organizations/${orgId}/members/${userId}/verification`;
  const platformEvents = (entityId: string) =>
    t.em().find(
      AuditEvent,
      {
        scope: PLATFORM_SCOPE,
        entityId,
        action: { $in: ['user.affiliation_verified', 'user.affiliation_unverified'] },
      },
      { orderBy: { seq: 'asc' } },
    );
  const verifiedAt = async (id: string) =>
    (await t.em().findOneOrFail(User, { id }, { refresh: true })).affiliationVerifiedAt;

  it('a registered affiliation is self-declared: GET /me says affiliationVerified false', async () => {
    const cso = await createCivilSociety(t);
    const registered = await registerUser(t, { organizationId: cso.id });
    const { accessToken } = await login(t, registered.email);
    const me = await t.http
      .get('/me')
      .set({ Authorization: `Bearer ${accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ affiliationVerified: false, affiliationVerifiedAt: null });
  });

  it('an admin verifies and withdraws with PATCH /users/:id, each audited once on the platform chain', async () => {
    const cso = await createCivilSociety(t);
    const user = await createUser(t, { organizationId: cso.id, affiliationVerified: false });
    const on = await t.http
      .patch(`/users/${user.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: true })
      .expect(200);
    expect(on.body).toMatchObject({ affiliationVerified: true, affiliationVerifiedAt: expect.any(String) });
    // A repeat changes nothing and records nothing.
    await t.http
      .patch(`/users/${user.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: true })
      .expect(200);
    const off = await t.http
      .patch(`/users/${user.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: false })
      .expect(200);
    expect(off.body).toMatchObject({ affiliationVerified: false, affiliationVerifiedAt: null });
    const events = await platformEvents(user.id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['user.affiliation_verified', cast.admin.id],
      ['user.affiliation_unverified', cast.admin.id],
    ]);
    expect(events[0].after).toMatchObject({
      affiliationVerified: true,
      affiliationVerifiedBy: cast.admin.id,
    });
    const me = await t.http.get('/me').set(user.auth).expect(200);
    expect(me.body.affiliationVerified).toBe(false);
  });

  it('PATCH /users/:id stays admin-only, and refuses a non-boolean (422)', async () => {
    const res = await t.http
      .patch(`/users/${cast.member.id}`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ affiliationVerified: true });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('access.role_required');
    const bad = await t.http
      .patch(`/users/${cast.member.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: 'yes' });
    expect(bad.status).toBe(422);
    const nul = await t.http
      .patch(`/users/${cast.member.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: null });
    expect(nul.status).toBe(422);
  });

  it('a user without an organisation has nothing to verify (409)', async () => {
    const loner = await createUser(t);
    const res = await t.http
      .patch(`/users/${loner.id}`)
      .set(cast.admin.auth)
      .send({ affiliationVerified: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('user.no_organization');
    expect(await verifiedAt(loner.id)).toBeNull();
  });

  it('a verified contact of the organisation verifies and withdraws others of it (audited, no email in the answer)', async () => {
    const cso = await createCivilSociety(t);
    const contact = await createUser(t, { organizationId: cso.id });
    const colleague = await createUser(t, { organizationId: cso.id, affiliationVerified: false });
    const on = await t.http
      .put(verification(cso.id, colleague.id))
      .set(contact.auth)
      .send({ verified: true })
      .expect(200);
    expect(on.body).toEqual({
      userId: colleague.id,
      displayName: colleague.displayName,
      organization: expect.objectContaining({ id: cso.id }),
      affiliationVerified: true,
      affiliationVerifiedAt: expect.any(String),
      affiliationVerifiedBy: contact.id,
    });
    await t.http
      .put(verification(cso.id, colleague.id))
      .set(contact.auth)
      .send({ verified: false })
      .expect(200);
    expect(await verifiedAt(colleague.id)).toBeNull();
    expect((await platformEvents(colleague.id)).map((e) => [e.action, e.actorId])).toEqual([
      ['user.affiliation_verified', contact.id],
      ['user.affiliation_unverified', contact.id],
    ]);
  });

  it('refuses an unverified contact, another organisation’s contact, oneself and a steward (403, nothing changed)', async () => {
    const cso = await createCivilSociety(t);
    const other = await createCivilSociety(t);
    const unverifiedContact = await createUser(t, { organizationId: cso.id, affiliationVerified: false });
    const otherContact = await createUser(t, { organizationId: other.id });
    const contact = await createUser(t, { organizationId: cso.id });
    const colleague = await createUser(t, { organizationId: cso.id, affiliationVerified: false });
    for (const [who, code] of [
      [unverifiedContact, 'user.verified_contact_required'],
      [otherContact, 'user.verified_contact_required'],
      [cast.steward, 'user.verified_contact_required'],
    ] as const) {
      const res = await t.http.put(verification(cso.id, colleague.id)).set(who.auth).send({ verified: true });
      expect({ who: who.id, status: res.status, code: res.body.code }).toEqual({
        who: who.id,
        status: 403,
        code,
      });
    }
    const self = await t.http
      .put(verification(cso.id, contact.id))
      .set(contact.auth)
      .send({ verified: false });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('user.own_affiliation');
    // Another organisation's contact cannot verify through their own organisation's path either.
    const wrongPath = await t.http
      .put(verification(other.id, colleague.id))
      .set(otherContact.auth)
      .send({ verified: true });
    expect(wrongPath.status).toBe(404);
    expect(await verifiedAt(colleague.id)).toBeNull();
    expect(await verifiedAt(contact.id)).not.toBeNull();
    expect(await platformEvents(colleague.id)).toHaveLength(0);
  });

  it('answers 404 for an unknown organisation or user, 422 for a bad body', async () => {
    const cso = await createCivilSociety(t);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await t.http.put(verification(missing, cast.member.id)).set(cast.admin.auth).send({ verified: true }))
        .status,
    ).toBe(404);
    expect(
      (await t.http.put(verification(cso.id, missing)).set(cast.admin.auth).send({ verified: true })).status,
    ).toBe(404);
    expect(
      (await t.http.put(verification(cso.id, 'nope')).set(cast.admin.auth).send({ verified: true })).status,
    ).toBe(404);
    for (const body of [{}, { verified: 'true' }, { verified: true, extra: 1 }]) {
      expect(
        (await t.http.put(verification(cso.id, cast.member.id)).set(cast.admin.auth).send(body)).status,
      ).toBe(422);
    }
  });

  it('changing organisation (PATCH /me) clears the verification, in the audited change', async () => {
    const [cso, other] = [await createCivilSociety(t), await createCivilSociety(t)];
    const user = await createUser(t, { organizationId: cso.id });
    expect((await t.http.get('/me').set(user.auth)).body.affiliationVerified).toBe(true);
    const res = await t.http.patch('/me').set(user.auth).send({ organizationId: other.id }).expect(200);
    expect(res.body).toMatchObject({ affiliationVerified: false, affiliationVerifiedAt: null });
    const row = await t.em().findOneOrFail(User, { id: user.id }, { refresh: true });
    expect(row.affiliationVerifiedBy).toBeNull();
    const [event] = await t
      .em()
      .find(AuditEvent, { scope: PLATFORM_SCOPE, entityId: user.id, action: 'user.profile_updated' });
    expect(event.before).toMatchObject({ affiliationVerified: true });
    expect(event.after).toMatchObject({ affiliationVerified: false });
    // A display-name change keeps it.
    const contact = await createUser(t, { organizationId: other.id });
    await t.http.put(verification(other.id, user.id)).set(contact.auth).send({ verified: true }).expect(200);
    await t.http.patch('/me').set(user.auth).send({ displayName: 'Renamed' }).expect(200);
    expect(await verifiedAt(user.id)).not.toBeNull();
  });

  describe('anchor eligibility', () => {
    it('a group activates only with verified anchors of each type', async () => {
      const gov = await createGovernment(t);
      const group = await createGroup(t, { status: GroupStatus.Proposed });
      const unverifiedGovAnchor = await createUser(t, { organizationId: gov.id, affiliationVerified: false });
      await addMember(t, group, unverifiedGovAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
      const refused = await t.http
        .post(`/working-groups/${group.slug}/status`)
        .set(cast.steward.auth)
        .send({ status: 'active' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('group.anchor_missing');
      expect(refused.body.params.missing).toEqual(['government']);
      await t.http
        .patch(`/users/${unverifiedGovAnchor.id}`)
        .set(cast.admin.auth)
        .send({ affiliationVerified: true })
        .expect(200);
      await t.http
        .post(`/working-groups/${group.slug}/status`)
        .set(cast.steward.auth)
        .send({ status: 'active' })
        .expect(200);
    });

    it('withdrawing the last verified anchor of a type of an active group is refused (409), a second one allows it', async () => {
      const gov = await createGovernment(t);
      const group = await createGroup(t);
      const govAnchor = await createUser(t, { organizationId: gov.id });
      const contact = await createUser(t, { organizationId: gov.id });
      await addMember(t, group, govAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
      for (const attempt of [
        () =>
          t.http.patch(`/users/${govAnchor.id}`).set(cast.admin.auth).send({ affiliationVerified: false }),
        () => t.http.put(verification(gov.id, govAnchor.id)).set(contact.auth).send({ verified: false }),
      ]) {
        const res = await attempt();
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('group.anchor_missing');
        expect(res.body.params).toEqual({ missing: ['government'], groups: [group.slug] });
      }
      expect(await verifiedAt(govAnchor.id)).not.toBeNull();
      expect(await platformEvents(govAnchor.id)).toHaveLength(0);
      const second = await createUser(t, { organizationId: gov.id });
      await addMember(t, group, second, GroupRole.Anchor);
      await t.http
        .put(verification(gov.id, govAnchor.id))
        .set(contact.auth)
        .send({ verified: false })
        .expect(200);
      // Now the second is the last verified government anchor; an unverified anchor can step down freely.
      const demote = await t.http
        .patch(`/working-groups/${group.slug}/members/${govAnchor.id}`)
        .set(cast.steward.auth)
        .send({ role: 'member' });
      expect(demote.status).toBe(200);
      const last = await t.http
        .patch(`/working-groups/${group.slug}/members/${second.id}`)
        .set(cast.steward.auth)
        .send({ role: 'member' });
      expect(last.status).toBe(409);
    });
  });
});
