import { GroupRole, GroupVisibility } from '../src/groups/groups.enums';
import { organizationIdOf } from './factories/cooperation';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import type { TestUser } from './factories/users';

/** `GET /working-groups/:slug/assistance-requests`: order, history, filters, paging, bad queries, who reads. */
describe('assistance requests list', () => {
  const { t, cast } = useGroupCast();
  const orgs = { cso: '' };
  beforeAll(async () => {
    orgs.cso = await organizationIdOf(t, cast.member);
  });
  const step = (id: string, as: TestUser, body: Record<string, unknown>) =>
    t.http.patch(`/assistance-requests/${id}`).set(as.auth).send(body);
  const group = { slug: '', id: '' };
  let anchor: TestUser;
  beforeAll(async () => {
    const g = await createGroup(t);
    anchor = cast.governmentAnchor;
    await addMember(t, g, anchor, GroupRole.Anchor);
    await addMember(t, g, cast.member, GroupRole.Member);
    Object.assign(group, { slug: g.slug, id: g.id });
    const specs: [string, string][] = [
      ['peer_exchange', 'open'],
      ['technical_assistance', 'open'],
      ['peer_exchange', 'withdrawn'],
      ['technical_assistance', 'open'],
      ['peer_exchange', 'open'],
    ];
    for (const [i, [kind, status]] of specs.entries()) {
      const res = await t.http
        .post(`/working-groups/${g.slug}/assistance-requests`)
        .set(cast.member.auth)
        .send({ kind, topic: `Topic ${i}`, description: 'd', requestingOrganizationId: orgs.cso })
        .expect(201);
      if (status === 'withdrawn') {
        await step(res.body.id as string, cast.member, { status: 'withdrawn' }).expect(200);
      }
    }
  });
  const list = (query: string, as: TestUser = cast.member) =>
    t.http.get(`/working-groups/${group.slug}/assistance-requests${query}`).set(as.auth);
  const topics = (body: { items: { topic: string }[] }) => body.items.map((r) => r.topic);

  it('lists newest first with history', async () => {
    const res = await list('').expect(200);
    expect(topics(res.body)).toEqual(['Topic 4', 'Topic 3', 'Topic 2', 'Topic 1', 'Topic 0']);
    expect(res.body.items[2].history.map((s: { toStatus: string }) => s.toStatus)).toEqual([
      'open',
      'withdrawn',
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each([
    ['?status=open', ['Topic 4', 'Topic 3', 'Topic 1', 'Topic 0']],
    ['?status=withdrawn', ['Topic 2']],
    ['?kind=technical_assistance', ['Topic 3', 'Topic 1']],
    ['?kind=peer_exchange&status=open', ['Topic 4', 'Topic 0']],
    ['?status=closed', []],
  ])('filters %s', async (query, expected) => {
    expect(topics((await list(query).expect(200)).body)).toEqual(expected);
  });

  it('pages with the cursor', async () => {
    const first = await list('?limit=2').expect(200);
    expect(topics(first.body)).toEqual(['Topic 4', 'Topic 3']);
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(topics(second.body)).toEqual(['Topic 2', 'Topic 1']);
    const third = await list(`?limit=2&cursor=${second.body.nextCursor}`).expect(200);
    expect(topics(third.body)).toEqual(['Topic 0']);
    expect(third.body.nextCursor).toBeNull();
  });

  it.each([
    ['?status=pending', 'status'],
    ['?kind=funding', 'kind'],
    ['?cursor=abc', 'cursor'],
    ['?limit=500', 'limit'],
  ])('refuses %s with 422', async (query, field) => {
    const res = await list(query).expect(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('is for active members and stewards: 403 for an outsider of a public group, 404 of a members-only one', async () => {
    expect((await list('', cast.outsider).expect(403)).body.code).toBe('group.role_required');
    await list('', cast.steward).expect(200);
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await t.http
      .get(`/working-groups/${hidden.slug}/assistance-requests`)
      .set(cast.outsider.auth)
      .expect(404);
  });
});
