import { GroupRole, GroupVisibility } from '../src/groups/groups.enums';
import { insertCommitment } from './factories/cooperation';
import { addMember, createGroup, useGroupCast } from './factories/groups';

/** `GET /working-groups/:slug/commitments`: order, filters, paging, bad queries and visibility. */
describe('commitments list', () => {
  const { t, cast } = useGroupCast();
  const group = { slug: '', id: '' };
  beforeAll(async () => {
    const g = await createGroup(t);
    await addMember(t, g, cast.governmentAnchor, GroupRole.Anchor);
    Object.assign(group, { slug: g.slug, id: g.id });
    const rows: [string, string, string, string][] = [
      ['BR', '2023-2027', 'BR0001', 'completed'],
      ['BR', '2023-2027', 'BR0002', 'limited'],
      ['BR', '2021-2023', 'BR0003', 'completed'],
      ['KE', '2023-2027', 'KE0001', 'not_started'],
      ['KE', '2020-2022', 'KE0002', 'substantial'],
      ['PH', '2023-2025', 'PH0001', 'completed'],
      ['MX', '2019-2021', 'MX0001', 'limited'],
    ];
    for (const [country, cycle, reference, status] of rows) {
      await t.http
        .post(`/working-groups/${g.slug}/commitments`)
        .set(cast.governmentAnchor.auth)
        .send({ country, cycle, reference, status, title: `Commitment ${reference}` })
        .expect(201);
    }
  });
  const list = (query: string) => t.http.get(`/working-groups/${group.slug}/commitments${query}`);
  const refs = (body: { items: { reference: string }[] }) => body.items.map((c) => c.reference);

  it('lists newest first, with nextCursor null on the last page', async () => {
    const res = await list('').expect(200);
    expect(refs(res.body)).toEqual(['MX0001', 'PH0001', 'KE0002', 'KE0001', 'BR0003', 'BR0002', 'BR0001']);
    expect(res.body.nextCursor).toBeNull();
  });

  it.each([
    ['?country=BR', ['BR0003', 'BR0002', 'BR0001']],
    ['?country=ke', ['KE0002', 'KE0001']],
    ['?cycle=2023-2027', ['KE0001', 'BR0002', 'BR0001']],
    ['?status=completed', ['PH0001', 'BR0003', 'BR0001']],
    ['?country=BR&cycle=2023-2027&status=completed', ['BR0001']],
    ['?country=FR', []],
  ])('filters %s', async (query, expected) => {
    const res = await list(query).expect(200);
    expect(refs(res.body)).toEqual(expected);
  });

  it('pages with the cursor, keeping the filter, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?status=completed&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...refs(res.body));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(['PH0001', 'BR0003', 'BR0001']);
  });

  it.each([
    ['?country=XX', 'country'],
    ['?cycle=2027-2023', 'cycle'],
    ['?status=done', 'status'],
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?cursor=not-a-cursor', 'cursor'],
    ['?sort=title', 'sort'],
  ])('refuses %s with 422', async (query, field) => {
    const res = await list(query).expect(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('hides a members-only group’s commitments from outsiders (404), shows them to its members', async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await addMember(t, hidden, cast.member, GroupRole.Observer);
    const c = await insertCommitment(t, hidden.id, cast.governmentAnchor.id);
    for (const auth of [{}, cast.outsider.auth, cast.otherAnchor.auth]) {
      await t.http.get(`/working-groups/${hidden.slug}/commitments`).set(auth).expect(404);
      await t.http.get(`/commitments/${c.id}`).set(auth).expect(404);
    }
    const res = await t.http
      .get(`/working-groups/${hidden.slug}/commitments`)
      .set(cast.member.auth)
      .expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
  });
});
