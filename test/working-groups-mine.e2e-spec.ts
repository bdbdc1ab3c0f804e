import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';

interface Item {
  slug: string;
  myMembership: { role: string; status: string } | null;
}

describe("working groups: the caller's own membership, mine=true, status=invited", () => {
  const { t, cast } = useGroupCast();

  const list = async (auth: Record<string, string> | null, query: string): Promise<Item[]> => {
    const req = t.http.get(`/working-groups?limit=200&${query}`);
    const res = await (auth ? req.set(auth) : req).expect(200);
    return res.body.items as Item[];
  };

  it('carries myMembership on list items: own role and status, null for others and anonymous', async () => {
    const q = `q=${encodeURIComponent(cast.group.name)}`;
    expect((await list(cast.member.auth, q)).find((g) => g.slug === cast.group.slug)?.myMembership).toEqual({
      role: 'member',
      status: 'active',
    });
    expect(
      (await list(cast.outsider.auth, q)).find((g) => g.slug === cast.group.slug)?.myMembership,
    ).toBeNull();
    expect((await list(null, q)).find((g) => g.slug === cast.group.slug)?.myMembership).toBeNull();
    const detail = await t.http.get(`/working-groups/${cast.group.slug}`).set(cast.observer.auth).expect(200);
    expect(detail.body.myMembership).toEqual({ role: 'observer', status: 'active' });
    const anon = await t.http.get(`/working-groups/${cast.group.slug}`).expect(200);
    expect(anon.body.myMembership).toBeNull();
  });

  it('mine=true lists only groups where the caller is an active member (not invited, left or requested)', async () => {
    const user = await createUser(t);
    const active = await createGroup(t, { visibility: GroupVisibility.Members });
    const invited = await createGroup(t, { visibility: GroupVisibility.Members });
    const left = await createGroup(t);
    const requested = await createGroup(t);
    await addMember(t, active, user, GroupRole.Observer);
    await addMember(t, invited, user, GroupRole.Member, MembershipStatus.Invited);
    await addMember(t, left, user, GroupRole.Member, MembershipStatus.Left);
    await addMember(t, requested, user, GroupRole.Member, MembershipStatus.Requested);
    const mine = await list(user.auth, 'mine=true');
    expect(mine.map((g) => g.slug)).toEqual([active.slug]);
    expect(mine[0].myMembership).toEqual({ role: 'observer', status: 'active' });
    // A left membership still shows in the directory with its status, but not under mine.
    const all = await list(user.auth, `q=${encodeURIComponent(left.name)}`);
    expect(all.find((g) => g.slug === left.slug)?.myMembership).toEqual({ role: 'member', status: 'left' });

    const invitations = await list(user.auth, 'status=invited');
    expect(invitations.map((g) => g.slug)).toEqual([invited.slug]);
    expect(invitations[0].myMembership).toEqual({ role: 'member', status: 'invited' });
    expect((await list(user.auth, 'status=invited&mine=true')).map((g) => g.slug)).toEqual([invited.slug]);
    expect(
      (await list(user.auth, 'mine=false&q=' + encodeURIComponent(invited.name))).map((g) => g.slug),
    ).toEqual([invited.slug]);
  });

  it('a steward sees every group but mine=true lists only their own memberships', async () => {
    expect(await list(cast.steward.auth, 'mine=true')).toEqual([]);
  });

  it('anonymous mine=true or status=invited is 401; a bad mine is 422', async () => {
    await t.http.get('/working-groups?mine=true').expect(401);
    await t.http.get('/working-groups?status=invited').expect(401);
    const anon = await t.http.get('/working-groups?mine=false').expect(200);
    expect(Array.isArray(anon.body.items)).toBe(true);
    await t.http.get('/working-groups?mine=yes').set(cast.member.auth).expect(422);
    await t.http.get('/working-groups?status=requested').set(cast.member.auth).expect(422);
  });

  it('still filters by group status', async () => {
    const items = await list(cast.member.auth, 'mine=true&status=active');
    expect(items.map((g) => g.slug)).toContain(cast.group.slug);
    expect(await list(cast.member.auth, 'mine=true&status=archived')).toEqual([]);
  });
});
