import { CommitmentStatus } from '../src/cooperation/cooperation.enums';
import { CommitmentProgressNote } from '../src/cooperation/entities/commitment-progress-note.entity';
import { Commitment } from '../src/cooperation/entities/commitment.entity';
import { MAX_PROGRESS_NOTES } from '../src/cooperation/commitments.service';
import { GroupRole } from '../src/groups/groups.enums';
import { auditCount, lastAuditEvent } from './factories/audit';
import { insertCommitment, organizationIdOf } from './factories/cooperation';
import { addMember, createGroup, useGroupCast } from './factories/groups';

/** Commitments: every rule and bad input of `POST/GET /working-groups/:slug/commitments` and its additions. */
describe('commitments', () => {
  const { t, cast } = useGroupCast();
  const path = () => `/working-groups/${cast.group.slug}/commitments`;
  const valid = (fields: Record<string, unknown> = {}) => ({
    country: 'BR',
    cycle: '2023-2027',
    reference: 'BR0123',
    title: 'Open contracting register',
    ...fields,
  });
  const post = (body: Record<string, unknown>, as = cast.governmentAnchor) =>
    t.http.post(path()).set(as.auth).send(body);

  /** A refusal with problem+json that changed nothing. */
  async function refused(
    send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    status: number,
  ) {
    const [audits, rows] = [await auditCount(t), await t.em().count(Commitment)];
    const res = await send();
    expect(res.status).toBe(status);
    expect(await auditCount(t)).toBe(audits);
    expect(await t.em().count(Commitment)).toBe(rows);
    return res.body as { code: string; errors?: { path: string }[]; params?: Record<string, unknown> };
  }

  it('records a commitment with its supporting organisation, audited, and shows it in the activity', async () => {
    const orgId = await organizationIdOf(t, cast.governmentAnchor);
    const res = await post(
      valid({
        country: 'br',
        reference: ' BR0001 ',
        url: 'https://www.opengovpartnership.org/members/brazil/commitments/BR0001/',
        supportingOrganizationId: orgId,
      }),
    ).expect(201);
    expect(res.body).toMatchObject({
      groupSlug: cast.group.slug,
      country: 'BR',
      cycle: '2023-2027',
      reference: 'BR0001',
      title: 'Open contracting register',
      url: 'https://www.opengovpartnership.org/members/brazil/commitments/BR0001/',
      supportingOrganization: { id: orgId, kind: 'government' },
      status: 'not_started',
      progressNotes: [],
      createdBy: { id: cast.governmentAnchor.id, displayName: cast.governmentAnchor.displayName },
    });
    expect(Object.keys(res.body.supportingOrganization).sort()).toEqual(['id', 'kind', 'name']);
    const event = await lastAuditEvent(t, cast.group.id);
    expect(event).toMatchObject({
      action: 'commitment.created',
      entityType: 'Commitment',
      entityId: res.body.id,
    });
    expect(event?.after).toMatchObject({
      country: 'BR',
      reference: 'BR0001',
      supportingOrganizationId: orgId,
    });
    const feed = await t.http
      .get(`/working-groups/${cast.group.slug}/activity`)
      .set(cast.member.auth)
      .expect(200);
    expect(feed.body.items[0]).toMatchObject({ action: 'commitment.created', entityId: res.body.id });
  });

  it('takes a status at creation; stewards may record too', async () => {
    const res = await post(valid({ reference: 'BR0002', status: 'substantial' }), cast.steward).expect(201);
    expect(res.body).toMatchObject({ status: 'substantial', url: null, supportingOrganization: null });
  });

  it.each([
    ['XX', 'an unassigned code'],
    ['ZZ', 'a user-assigned code'],
    ['BRA', 'alpha-3'],
    ['B', 'one letter'],
    ['', 'empty'],
    [76, 'a number'],
    [null, 'null'],
  ])('refuses country %p (%s) with 422 on country', async (country: unknown, _label: string) => {
    const body = await refused(() => post(valid({ country, reference: 'C1' })), 422);
    expect(body.code).toBe('request.invalid');
    expect(body.errors?.map((e) => e.path)).toEqual(['country']);
  });

  it.each([
    '2027-2023',
    '2023-2023',
    '2020-2027',
    '2010-2012',
    '2023-27',
    '2023/2027',
    '2023-2027-2029',
    2023,
  ])('refuses cycle %p with 422 on cycle', async (cycle) => {
    const body = await refused(() => post(valid({ cycle, reference: 'C2' })), 422);
    expect(body.errors?.map((e) => e.path)).toEqual(['cycle']);
  });

  it.each([
    'javascript:alert(1)',
    'ftp://example.org/x',
    'www.example.org',
    'data:text/html,hi',
    `https://x.org/${'a'.repeat(500)}`,
  ])('refuses url %s with 422 on url', async (url) => {
    const body = await refused(() => post(valid({ url, reference: 'C3' })), 422);
    expect(body.errors?.map((e) => e.path)).toEqual(['url']);
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ reference: '' }, 'reference'],
    [{ reference: '   ' }, 'reference'],
    [{ reference: 'R'.repeat(51) }, 'reference'],
    [{ title: '' }, 'title'],
    [{ title: 'T'.repeat(301) }, 'title'],
    [{ supportingOrganizationId: 'not-a-uuid' }, 'supportingOrganizationId'],
    [{ groupId: cast.otherGroup?.id ?? 'x' }, 'groupId'],
  ])('refuses %p with 422', async (fields, field) => {
    const body = await refused(() => post(valid({ reference: 'C4', ...fields })), 422);
    expect(body.errors?.map((e) => e.path)).toContain(field);
  });

  it('refuses a supporting organisation that does not exist', async () => {
    const body = await refused(
      () =>
        post(valid({ reference: 'C5', supportingOrganizationId: '00000000-0000-4000-8000-000000000000' })),
      422,
    );
    expect(body).toMatchObject({
      code: 'commitment.organization_unknown',
      errors: [{ path: 'supportingOrganizationId' }],
    });
  });

  it('refuses a duplicate (same group, country, cycle, reference in any case) with 409', async () => {
    await post(valid({ reference: 'DUP-1' })).expect(201);
    const body = await refused(() => post(valid({ reference: 'dup-1', title: 'Another title' })), 409);
    expect(body).toMatchObject({
      code: 'commitment.duplicate',
      params: { country: 'BR', cycle: '2023-2027', reference: 'dup-1' },
    });
    // Another cycle, another country or another group is another commitment.
    await post(valid({ reference: 'DUP-1', cycle: '2019-2023' })).expect(201);
    await post(valid({ reference: 'DUP-1', country: 'KE' })).expect(201);
    const other = await createGroup(t);
    await addMember(t, other, cast.governmentAnchor, GroupRole.Anchor);
    await t.http
      .post(`/working-groups/${other.slug}/commitments`)
      .set(cast.governmentAnchor.auth)
      .send(valid({ reference: 'DUP-1' }))
      .expect(201);
  });

  it('lets exactly one of two concurrent identical creations through', async () => {
    const body = valid({ reference: 'RACE-1' });
    const results = await Promise.all([post(body), post(body), post(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'commitment.duplicate')).toBe(
      true,
    );
    expect(await t.em().count(Commitment, { group: cast.group.id, reference: 'RACE-1' })).toBe(1);
  });

  describe('updates and progress notes', () => {
    it('changes status, title and link; null removes the link; audited with before and after', async () => {
      const created = await post(valid({ reference: 'UPD-1', url: 'http://example.org/a' })).expect(201);
      const res = await t.http
        .patch(`/commitments/${created.body.id}`)
        .set(cast.civilSocietyAnchor.auth)
        .send({ status: 'limited', title: 'Renamed', url: null })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'limited', title: 'Renamed', url: null, reference: 'UPD-1' });
      const event = await lastAuditEvent(t, cast.group.id);
      expect(event).toMatchObject({ action: 'commitment.updated', entityId: created.body.id });
      expect(event?.before).toMatchObject({ status: 'not_started', title: 'Open contracting register' });
      expect(event?.after).toMatchObject({ status: 'limited', title: 'Renamed', url: null });
    });

    it('an edit that changes nothing writes nothing (no audit event)', async () => {
      const c = await insertCommitment(t, cast.group.id, cast.governmentAnchor.id, {
        status: CommitmentStatus.Limited,
      });
      const before = await auditCount(t);
      for (const body of [{}, { status: 'limited' }, { title: c.title }]) {
        const res = await t.http
          .patch(`/commitments/${c.id}`)
          .set(cast.governmentAnchor.auth)
          .send(body)
          .expect(200);
        expect(res.body).toMatchObject({ status: 'limited', title: c.title });
      }
      expect(await auditCount(t)).toBe(before);
    });

    it.each([
      [{ status: 'finished' }, 'status'],
      [{ status: null }, 'status'],
      [{ title: null }, 'title'],
      [{ title: '' }, 'title'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ country: 'KE' }, 'country'],
      [{ reference: 'X' }, 'reference'],
    ])('refuses %p with 422, changing nothing', async (fields, field) => {
      const c = await insertCommitment(t, cast.group.id, cast.governmentAnchor.id);
      const body = await refused(
        () => t.http.patch(`/commitments/${c.id}`).set(cast.governmentAnchor.auth).send(fields),
        422,
      );
      expect(body.errors?.map((e) => e.path)).toContain(field);
    });

    it('adds dated notes, oldest date first, today by default; the answer carries them', async () => {
      const c = await insertCommitment(t, cast.group.id, cast.governmentAnchor.id);
      const url = `/commitments/${c.id}/progress-notes`;
      await t.http
        .post(url)
        .set(cast.governmentAnchor.auth)
        .send({ note: 'Law passed', date: '2025-06-30' })
        .expect(201);
      const res = await t.http.post(url).set(cast.steward.auth).send({ note: 'Portal opened' }).expect(201);
      await t.http
        .post(url)
        .set(cast.civilSocietyAnchor.auth)
        .send({ note: 'Draft shared', date: '2024-01-15' })
        .expect(201);
      const today = new Date().toISOString().slice(0, 10);
      expect(res.body.progressNotes).toEqual([
        expect.objectContaining({
          date: '2025-06-30',
          note: 'Law passed',
          author: expect.objectContaining({ id: cast.governmentAnchor.id }),
        }),
        expect.objectContaining({
          date: today,
          note: 'Portal opened',
          author: expect.objectContaining({ id: cast.steward.id }),
        }),
      ]);
      const got = await t.http.get(`/commitments/${c.id}`).expect(200);
      expect(got.body.progressNotes.map((n: { date: string }) => n.date)).toEqual([
        '2024-01-15',
        '2025-06-30',
        today,
      ]);
      const event = await lastAuditEvent(t, cast.group.id);
      expect(event).toMatchObject({ action: 'commitment.progress_noted', entityId: c.id });
      expect(event?.after).toMatchObject({ date: '2024-01-15', note: 'Draft shared' });
    });

    it.each([
      ['an empty note', { note: '' }, 'note'],
      ['a blank note', { note: '   ' }, 'note'],
      ['a note of 5,001 characters', { note: 'n'.repeat(5001) }, 'note'],
      ['no note', {}, 'note'],
      ['a rolled-over date', { note: 'x', date: '2027-02-30' }, 'date'],
      ['an instant for a date', { note: 'x', date: '2026-03-01T10:00:00Z' }, 'date'],
      ['an unknown field', { note: 'x', author: 'me' }, 'author'],
    ])('refuses %s with 422', async (_label, body, field) => {
      const c = await insertCommitment(t, cast.group.id, cast.governmentAnchor.id);
      const before = await auditCount(t);
      const res = await t.http
        .post(`/commitments/${c.id}/progress-notes`)
        .set(cast.governmentAnchor.auth)
        .send(body);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      expect(await auditCount(t)).toBe(before);
      expect(await t.em().count(CommitmentProgressNote, { commitment: c.id })).toBe(0);
    });

    it(`holds at most ${MAX_PROGRESS_NOTES} notes (409)`, async () => {
      const c = await insertCommitment(t, cast.group.id, cast.governmentAnchor.id);
      const em = t.em();
      for (let i = 0; i < MAX_PROGRESS_NOTES; i++) {
        em.create(CommitmentProgressNote, {
          commitment: c.id,
          date: '2025-01-01',
          note: `n${i}`,
          author: cast.governmentAnchor.id,
        });
      }
      await em.flush();
      const before = await auditCount(t);
      const res = await t.http
        .post(`/commitments/${c.id}/progress-notes`)
        .set(cast.governmentAnchor.auth)
        .send({ note: 'one too many' })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'commitment.progress_notes_full',
        params: { max: MAX_PROGRESS_NOTES },
      });
      expect(await auditCount(t)).toBe(before);
      expect(await t.em().count(CommitmentProgressNote, { commitment: c.id })).toBe(MAX_PROGRESS_NOTES);
    });

    it('answers 404 for an unknown or malformed commitment id', async () => {
      await t.http
        .patch('/commitments/00000000-0000-4000-8000-000000000000')
        .set(cast.governmentAnchor.auth)
        .send({ status: 'limited' })
        .expect(404);
      const res = await t.http.get('/commitments/nope').expect(404);
      expect(res.body.detail).toBe('Commitment was not found.');
    });
  });
});
