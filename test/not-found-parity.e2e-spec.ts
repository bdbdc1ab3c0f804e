import { randomUUID } from 'node:crypto';
import { GroupVisibility } from '../src/groups/groups.enums';
import { createGroup } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A 404 for a members-only group or meeting that exists must cost what a 404 for nothing costs, or response
 * times tell the two apart. Checked on the statements each request runs (their SQL, without values), which is
 * what the time follows and, unlike a stopwatch, does not flake.
 */
describe('404 parity: hidden and unknown resources run the same statements', () => {
  let t: TestApp;
  let outsider: TestUser;
  let hidden: { slug: string; meetingId: string };

  beforeAll(async () => {
    t = await createTestApp();
    outsider = await createUser(t);
    const group = await createGroup(t, { visibility: GroupVisibility.Members });
    const meeting = await insertMeeting(t, group, outsider);
    hidden = { slug: group.slug, meetingId: meeting.id };
  });
  afterAll(() => t.close());

  /** The SQL of every statement the request ran, values replaced by their placeholders. */
  async function statements(url: string, auth: Record<string, string>): Promise<string[]> {
    const connection = t.orm.em.getConnection();
    const spy = jest.spyOn(connection, 'execute');
    try {
      await t.http.get(url).set(auth).expect(404);
      return spy.mock.calls.map(([query]) => String(query));
    } finally {
      spy.mockRestore();
    }
  }

  const routes = (slug: string, meetingId: string): string[] => [
    `/working-groups/${slug}`,
    `/working-groups/${slug}/meetings`,
    `/working-groups/${slug}/members`,
    `/working-groups/${slug}/calendar.ics`,
    `/meetings/${meetingId}`,
    `/meetings/${meetingId}/agenda-items`,
    `/meetings/${meetingId}/ics`,
  ];

  it.each([
    ['an outsider', true],
    ['an anonymous caller', false],
  ])('for %s', async (_who, signedIn) => {
    const auth = signedIn ? outsider.auth : {};
    const unknown = routes(`no-such-group-${Date.now()}`, randomUUID());
    const differing: string[] = [];
    for (const [i, url] of routes(hidden.slug, hidden.meetingId).entries()) {
      const [forHidden, forUnknown] = [await statements(url, auth), await statements(unknown[i], auth)];
      expect(forHidden.length).toBeGreaterThan(0);
      if (JSON.stringify(forHidden) !== JSON.stringify(forUnknown))
        differing.push(
          `${url}: ${forHidden.length} vs ${forUnknown.length}\n${forHidden.join('\n')}\n--\n${forUnknown.join('\n')}`,
        );
    }
    expect(differing).toEqual([]);
  });
});
