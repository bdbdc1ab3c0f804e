import { useGroupCast } from './factories/groups';

const forge = (key: unknown, id: unknown): string =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');

/** A cursor is opaque but client-held: a forged one must be a 422 on `cursor`, never reach SQL as a 500. */
describe('forged cursors on every list', () => {
  const { t, cast } = useGroupCast();

  /** Invalid whatever the sort column; a date-sorted list also refuses a key that is not an instant. */
  const forgeries = [
    forge('2026-01-01T00:00:00.000Z', 'not-a-uuid'),
    forge(1e20, '1'),
    forge({ $gt: '' }, '00000000-0000-4000-8000-000000000000'),
  ];

  const notAnInstant = forge('not-a-date', '00000000-0000-4000-8000-000000000000');

  it.each([
    ['/organizations', 'anonymous', false],
    ['/working-groups', 'anonymous', false],
    ['/working-groups?sort=createdAt', 'anonymous', true],
    ['/working-groups/{slug}/members', 'anchor', true],
    ['/working-groups/{slug}/meetings', 'anchor', true],
    ['/working-groups/{slug}/activity', 'anchor', false],
    ['/users', 'admin', false],
    ['/me/meetings', 'anchor', true],
    ['/me/action-items', 'anchor', false],
    ['/working-groups/{slug}/channels', 'anchor', false],
  ])('%s refuses forged cursors with 422 (as %s)', async (route, who, sortedByDate) => {
    const path = route.replace('{slug}', cast.group.slug);
    const auth = who === 'admin' ? cast.admin.auth : who === 'anchor' ? cast.governmentAnchor.auth : {};
    for (const cursor of sortedByDate ? [...forgeries, notAnInstant] : forgeries) {
      const res = await t.http.get(path).query({ cursor }).set(auth);
      expect({ cursor, status: res.status, path: res.body.errors?.[0]?.path }).toEqual({
        cursor,
        status: 422,
        path: 'cursor',
      });
    }
    // The control: the same route pages normally without a cursor.
    await t.http.get(path).set(auth).expect(200);
  });
});
