import { collectRoutes, placeholderUrl } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Deny by default, checked on the real application: every registered route is either marked @Public() (and then
 * listed here, so a new public route is a deliberate change) or refuses an anonymous caller with 401.
 */
const PUBLIC_ROUTES = new Set([
  'GET /health/live',
  'GET /health/ready',
  'POST /auth/register',
  'POST /auth/login',
  'POST /auth/refresh',
  'GET /organizations',
  'GET /organizations/:id',
  'GET /working-groups',
  'GET /working-groups/:slug',
  'GET /working-groups/:slug/members',
  'GET /working-groups/:slug/meetings',
  'GET /meetings/:id',
  'GET /meetings/:id/agenda-items',
  'GET /meetings/:id/minutes',
  'GET /meetings/:id/ics',
  'GET /working-groups/:slug/calendar.ics',
  'GET /working-groups/:slug/documents',
  'GET /documents/:id',
  'GET /documents/:id/versions',
  'GET /documents/:id/content',
  'GET /open-data/groups',
  'GET /working-groups/:slug/export',
  'GET /working-groups/:slug/priority-areas',
  'GET /priority-areas/:id',
  'GET /working-groups/:slug/commitments',
  'GET /commitments/:id',
  'GET /unsubscribe/:token',
  'POST /unsubscribe/:token',
]);

describe('deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes of every context', () => {
    const routes = collectRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /auth/login', 'GET /me', 'PATCH /users/:id', 'GET /health/ready']),
    );
  });

  it('marks public only the routes listed as public', () => {
    const unexpected = collectRoutes(t)
      .filter((r) => r.isPublic && !PUBLIC_ROUTES.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(unexpected).toEqual([]);
  });

  it('lists no public route that does not exist (the list stays an accurate record)', () => {
    const registered = new Set(collectRoutes(t).map((r) => `${r.method} ${r.path}`));
    expect([...PUBLIC_ROUTES].filter((r) => !registered.has(r))).toEqual([]);
  });

  it('refuses an anonymous caller with 401 on every other route', async () => {
    const failures: string[] = [];
    for (const route of collectRoutes(t).filter((r) => !r.isPublic)) {
      const req = t.http[route.method.toLowerCase() as 'get'](placeholderUrl(route.path));
      // A HEAD request has no body (superagent refuses to send one): tus's HEAD /uploads/:id.
      const res = route.method === 'HEAD' ? await req : await req.send({});
      if (res.status !== 401) failures.push(`${route.method} ${route.path} answered ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
