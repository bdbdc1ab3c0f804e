import { randomBytes } from 'node:crypto';
import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { addMember, createGroup } from './factories/groups';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Pins the whole answer of `GET /working-groups`, byte for byte, against an expectation built here from the stored
 * rows: WorkingGroupDto's keys in their order plus the caller's own membership in any status. Written against the
 * query-builder version before the lean statement replaced it, so the two must give the same text.
 */
describe('working groups: the full shape of a directory page', () => {
  let t: TestApp;
  let caller: TestUser;
  const token = `shape${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    t = await createTestApp();
    caller = await createUser(t);
    const standings: ([GroupRole, MembershipStatus] | null)[] = [
      [GroupRole.Anchor, MembershipStatus.Active],
      [GroupRole.Member, MembershipStatus.Invited],
      [GroupRole.Observer, MembershipStatus.Left],
      null,
      null,
    ];
    for (const [i, standing] of standings.entries()) {
      const group = await createGroup(t, {
        name: `${token} ${String.fromCharCode(101 - i)}`,
        visibility: i === 1 ? GroupVisibility.Members : GroupVisibility.Public,
      });
      if (standing) await addMember(t, group, caller, standing[0], standing[1]);
    }
  });
  afterAll(() => t.close());

  interface Row {
    id: string;
    slug: string;
    name: string;
    theme: string;
    description: string;
    status: string;
    visibility: string;
    join_policy: string;
    document_uploads: string;
    created_at: string;
    updated_at: string;
    role: string | null;
    mstatus: string | null;
  }

  async function expected(
    userId: string | null,
    order: 'name' | 'created_at',
    desc: boolean,
  ): Promise<string[]> {
    const rows = await t
      .em()
      .getConnection()
      .execute<Row[]>(
        `select g.*, m.role, m.status as mstatus from working_group g
           left join membership m on m.group_id = g.id and m.user_id = ?
          where g.name like ? and (g.visibility = 'public' or m.status in ('active', 'invited'))
          order by g.${order} ${desc ? 'desc' : 'asc'}, g.id ${desc ? 'desc' : 'asc'}`,
        [userId, `${token}%`],
      );
    return rows.map((r) =>
      JSON.stringify({
        id: r.id,
        slug: r.slug,
        name: r.name,
        theme: r.theme,
        description: r.description,
        status: r.status,
        visibility: r.visibility,
        joinPolicy: r.join_policy,
        documentUploads: r.document_uploads,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        myMembership: r.role ? { role: r.role, status: r.mstatus } : null,
      }),
    );
  }

  /** Every page of `query`, two groups at a time, following nextCursor. */
  async function pages(query: string, auth?: Record<string, string>): Promise<string[]> {
    const items: string[] = [];
    let cursor: string | null = null;
    let count = 0;
    do {
      const req = t.http.get(
        `/working-groups?q=${token}&limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (auth) void req.set(auth);
      const res = await req.expect(200);
      const body = JSON.parse(res.text) as { items: unknown[]; nextCursor: string | null };
      expect(Object.keys(body)).toEqual(['items', 'nextCursor']);
      items.push(...body.items.map((i) => JSON.stringify(i)));
      cursor = body.nextCursor;
      expect(++count).toBeLessThan(10);
    } while (cursor);
    return items;
  }

  it('signed in and anonymous, by name and by creation, both orders, across pages', async () => {
    for (const [query, column, desc] of [
      ['', 'name', false],
      ['&order=desc', 'name', true],
      ['&sort=createdAt', 'created_at', false],
      ['&sort=createdAt&order=desc', 'created_at', true],
    ] as const) {
      const signedIn = await pages(query, caller.auth);
      expect(signedIn).toEqual(await expected(caller.id, column, desc));
      expect(signedIn).toHaveLength(5);
      const anonymous = await pages(query);
      expect(anonymous).toEqual(await expected(null, column, desc));
      expect(anonymous).toHaveLength(4);
    }
    const mine = await pages('&mine=true', caller.auth);
    expect(mine.map((i) => (JSON.parse(i) as { myMembership: unknown }).myMembership)).toEqual([
      { role: GroupRole.Anchor, status: MembershipStatus.Active },
    ]);
  });
});
