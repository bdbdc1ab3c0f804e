import { GroupRole, GroupStatus, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';

interface Item {
  group: { id: string; slug: string; name: string; status: string; visibility: string };
  role: string;
  status: string;
  createdAt: string;
  approvedAt: string | null;
}

describe('GET /me/memberships', () => {
  const { t, cast } = useGroupCast();

  const mine = async (auth: Record<string, string>, query = ''): Promise<Item[]> =>
    (await t.http.get(`/me/memberships?${query}`).set(auth).expect(200)).body.items as Item[];

  it('lists active memberships, pending invitations and requests, with the group, by group name', async () => {
    const user = await createUser(t);
    const active = await createGroup(t, { name: `A active ${user.id}` });
    const invitedHidden = await createGroup(t, {
      name: `B invited ${user.id}`,
      visibility: GroupVisibility.Members,
      status: GroupStatus.Proposed,
    });
    const requested = await createGroup(t, { name: `C requested ${user.id}` });
    const left = await createGroup(t, { name: `D left ${user.id}` });
    await addMember(t, active, user, GroupRole.Anchor);
    await addMember(t, invitedHidden, user, GroupRole.Observer, MembershipStatus.Invited);
    await addMember(t, requested, user, GroupRole.Member, MembershipStatus.Requested);
    await addMember(t, left, user, GroupRole.Member, MembershipStatus.Left);
    const items = await mine(user.auth);
    expect(items.map((i) => [i.group.slug, i.role, i.status])).toEqual([
      [active.slug, 'anchor', 'active'],
      [invitedHidden.slug, 'observer', 'invited'],
      [requested.slug, 'member', 'requested'],
    ]);
    expect(items[1].group).toEqual({
      id: invitedHidden.id,
      slug: invitedHidden.slug,
      name: invitedHidden.name,
      status: 'proposed',
      visibility: 'members',
    });
    expect(items[0].approvedAt).not.toBeNull();
    expect(items[2].approvedAt).toBeNull();
    // A left membership is not current; it is listed only when asked for.
    expect((await mine(user.auth, 'status=left')).map((i) => i.group.slug)).toEqual([left.slug]);
    expect((await mine(user.auth, 'status=invited')).map((i) => i.group.slug)).toEqual([invitedHidden.slug]);
  });

  it('never lists a group the caller may not see: a request or a left membership of a members-only group', async () => {
    const user = await createUser(t);
    const hiddenRequest = await createGroup(t, { visibility: GroupVisibility.Members });
    const hiddenLeft = await createGroup(t, { visibility: GroupVisibility.Members });
    await addMember(t, hiddenRequest, user, GroupRole.Member, MembershipStatus.Requested);
    await addMember(t, hiddenLeft, user, GroupRole.Member, MembershipStatus.Left);
    expect(await mine(user.auth)).toEqual([]);
    expect(await mine(user.auth, 'status=left')).toEqual([]);
    expect(await mine(user.auth, 'status=requested')).toEqual([]);
    // The same group is visible (a 404 otherwise) exactly when it is listed.
    await t.http.get(`/working-groups/${hiddenRequest.slug}`).set(user.auth).expect(404);
  });

  it('pages with an opaque cursor', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 3; i++)
      await addMember(t, await createGroup(t, { name: `Page ${i} ${user.id}` }), user);
    const first = await t.http.get('/me/memberships?limit=2').set(user.auth).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/me/memberships?limit=2&cursor=${first.body.nextCursor as string}`)
      .set(user.auth)
      .expect(200);
    expect(second.body.items.map((i: Item) => i.group.name)).toEqual([`Page 2 ${user.id}`]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("is the cast member's own list only; anonymous is 401; a bad status is 422", async () => {
    const items = await mine(cast.member.auth);
    expect(items.map((i) => i.group.slug)).toEqual([cast.group.slug]);
    expect(await mine(cast.outsider.auth)).toEqual([]);
    await t.http.get('/me/memberships').expect(401);
    await t.http.get('/me/memberships?status=nope').set(cast.member.auth).expect(422);
  });
});
