import { GroupRole, GroupStatus, GroupVisibility } from '../src/groups/groups.enums';
import { addMember, createGroup } from './factories/groups';
import { createSteward, createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * An anchor renaming a proposed group must not learn that a members-only group exists under some slug: every
 * slug that cannot be had (a visible group's, a hidden group's, a reserved word) gets one and the same answer,
 * which names no group and says nothing about why.
 */
describe('slug availability on rename', () => {
  let t: TestApp;
  let anchor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    anchor = await createUser(t);
  });
  afterAll(() => t.close());

  async function rename(slug: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const group = await createGroup(t, { status: GroupStatus.Proposed });
    await addMember(t, group, anchor, GroupRole.Anchor);
    const res = await t.http.patch(`/working-groups/${group.slug}`).set(anchor.auth).send({ slug });
    // What may differ between two answers: the request's own id and path, and the slug the caller sent.
    const { requestId: _r, instance: _i, ...body } = res.body as Record<string, unknown>;
    return { status: res.status, body: JSON.parse(JSON.stringify(body).replaceAll(slug, '<slug>')) };
  }

  it('answers a hidden group’s slug exactly as a visible one’s or a reserved word', async () => {
    const visible = await createGroup(t, { name: 'Open Budget', visibility: GroupVisibility.Public });
    const hidden = await createGroup(t, { name: 'Quiet Merger Talks', visibility: GroupVisibility.Members });
    const answers = {
      visible: await rename(visible.slug),
      hidden: await rename(hidden.slug),
      reserved: await rename('admin'),
    };
    expect(answers.hidden).toEqual(answers.visible);
    expect(answers.reserved).toEqual(answers.visible);
    expect(answers.hidden.status).toBe(409);
    expect(answers.hidden.body.code).toBe('group.slug_taken');
    const text = JSON.stringify(answers.hidden.body);
    for (const word of [hidden.name, hidden.id]) expect(text).not.toContain(word);
    expect(answers.hidden.body.detail).not.toMatch(/taken|group|member/i); // not even that a group holds it
  });

  it('still renames to a free slug, and never creates a group under a reserved one', async () => {
    expect((await rename(`free-${Date.now()}`)).status).toBe(200);
    const steward = await createSteward(t);
    const created = await t.http
      .post('/working-groups')
      .set(steward.auth)
      .send({ name: 'New', theme: 'open_data', description: 'x', visibility: 'public', joinPolicy: 'open' })
      .expect(201);
    expect(created.body.slug).toBe('new-2');
  });
});
