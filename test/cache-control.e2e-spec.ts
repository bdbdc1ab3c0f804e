import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createUser, TestUser } from './factories/users';
import { collectRoutes, placeholderUrl } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

const FEED_CACHE = 'private, max-age=300'; // the group feed's own header (calendar clients poll it)
/** Public routes that set their own Cache-Control, which stays as it was for every caller. */
const OWN_CACHE: Record<string, string> = {
  'GET /working-groups/:slug/calendar.ics': FEED_CACHE,
  'GET /health/ready': 'no-cache, no-store, must-revalidate', // set by @nestjs/terminus
  // The same for every caller (docs/open-data.md): shared caches may keep it.
  'GET /open-data/groups': 'public, max-age=300',
  'GET /working-groups/:slug/export': 'public, max-age=300',
};

/**
 * What depends on who asks must not be kept by a browser or a proxy: every response of a non-public route, and
 * every response to a caller with a bearer token, says `Cache-Control: no-store`, whatever its status. Anonymous
 * answers of public routes keep the caching they had (none, or the feed's own).
 */
describe('Cache-Control', () => {
  let t: TestApp;
  let caller: TestUser;
  let cast: GroupCast;

  beforeAll(async () => {
    t = await createTestApp();
    caller = await createUser(t);
    cast = await createGroupCast(t);
  });
  afterAll(() => t.close());

  const call = (method: string, url: string) => t.http[method.toLowerCase() as 'get'](url);

  it('is no-store on every non-public route, anonymous (401) or with a token', async () => {
    const failures: string[] = [];
    const routes = collectRoutes(t).filter((r) => !r.isPublic);
    expect(routes.length).toBeGreaterThan(20);
    // Logout ends the session; it goes last so the other calls run authenticated (its 401s are checked too).
    routes.sort((a, b) => Number(a.path === '/auth/logout') - Number(b.path === '/auth/logout'));
    for (const route of routes) {
      for (const auth of [{}, caller.auth]) {
        const req = call(route.method, placeholderUrl(route.path)).set(auth);
        // A HEAD request has no body (superagent refuses to send one): tus's HEAD /uploads/:id.
        const res = route.method === 'HEAD' ? await req : await req.send({});
        if (res.headers['cache-control'] !== 'no-store')
          failures.push(`${route.method} ${route.path} (${res.status}): ${res.headers['cache-control']}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('is no-store on every public route called with a token, and unchanged for anonymous callers', async () => {
    const token = (await createUser(t)).auth;
    const failures: string[] = [];
    for (const route of collectRoutes(t).filter((r) => r.isPublic && r.method === 'GET')) {
      const url = placeholderUrl(route.path);
      const [anonymous, authenticated] = [await call('GET', url), await call('GET', url).set(token)];
      const own = OWN_CACHE[`GET ${route.path}`];
      if (anonymous.headers['cache-control'] !== own)
        failures.push(`anonymous GET ${route.path}: ${anonymous.headers['cache-control']}`);
      if (authenticated.headers['cache-control'] !== (own ?? 'no-store'))
        failures.push(`authenticated GET ${route.path}: ${authenticated.headers['cache-control']}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the public calendars as cacheable as before', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const feed = `/working-groups/${cast.group.slug}/calendar.ics`;
    expect((await t.http.get(feed).expect(200)).headers['cache-control']).toBe(FEED_CACHE);
    expect((await t.http.get(feed).set(cast.member.auth).expect(200)).headers['cache-control']).toBe(
      FEED_CACHE,
    );
    const token = (await t.http.post('/me/calendar-token').set(cast.member.auth).expect(201)).body.token;
    expect((await t.http.get(feed).query({ token }).expect(200)).headers['cache-control']).toBe(FEED_CACHE);
    const ics = await t.http.get(`/meetings/${meeting.id}/ics`).expect(200);
    expect(ics.headers['cache-control']).toBeUndefined();
    const memberIcs = await t.http.get(`/meetings/${meeting.id}/ics`).set(cast.member.auth).expect(200);
    expect(memberIcs.headers['cache-control']).toBe('no-store'); // shows the online URL to members only
  });
});
