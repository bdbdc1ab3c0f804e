import { GroupVisibility } from '../src/groups/groups.enums';
import { createGroupCast, GroupCast, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';

describe('GET /working-groups/:slug/activity', () => {
  const { t, cast } = useGroupCast();
  let hidden: GroupCast;

  beforeAll(async () => {
    hidden = await createGroupCast(t, { visibility: GroupVisibility.Members });
    // Three audited changes in the group's chain.
    for (let i = 0; i < 3; i++) {
      const user = await createUser(t);
      await t.http.post(`/working-groups/${cast.group.slug}/members`).set(user.auth).expect(201);
    }
    await t.http
      .patch(`/working-groups/${cast.group.slug}`)
      .set(cast.governmentAnchor.auth)
      .send({ description: 'Updated' })
      .expect(200);
  });

  const url = (slug: string): string => `/working-groups/${slug}/activity`;

  it('lists the group audit chain newest first, with cursor pagination', async () => {
    const first = await t.http
      .get(`${url(cast.group.slug)}?limit=2`)
      .set(cast.member.auth)
      .expect(200);
    expect(first.body.items.map((e: { action: string }) => e.action)).toEqual([
      'group.updated',
      'membership.requested',
    ]);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      action: 'group.updated',
      actorId: cast.governmentAnchor.id,
      entityType: 'WorkingGroup',
      entityId: cast.group.id,
      occurredAt: expect.any(String),
      after: expect.objectContaining({ description: 'Updated' }),
    });
    const second = await t.http
      .get(`${url(cast.group.slug)}?limit=2&cursor=${first.body.nextCursor as string}`)
      .set(cast.member.auth)
      .expect(200);
    expect(second.body.items.map((e: { action: string }) => e.action)).toEqual([
      'membership.requested',
      'membership.requested',
    ]);
    expect(second.body.nextCursor).toBeNull();
    expect(JSON.stringify(second.body)).not.toContain('@');
  });

  it('is for active members of any role and stewards', async () => {
    for (const who of [cast.observer, cast.governmentAnchor, cast.steward, cast.admin]) {
      await t.http.get(url(cast.group.slug)).set(who.auth).expect(200);
    }
    await t.http.get(url(cast.group.slug)).set(cast.outsider.auth).expect(403);
    await t.http.get(url(cast.group.slug)).set(cast.otherAnchor.auth).expect(403);
    await t.http.get(url(cast.group.slug)).expect(401);
    await t.http.get(url(hidden.group.slug)).set(cast.outsider.auth).expect(404);
    await t.http.get(url(hidden.group.slug)).set(hidden.member.auth).expect(200);
  });
});
