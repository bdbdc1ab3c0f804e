import { createTestApp, TestApp } from './support/test-app';

/** Problems a person can act on: the right status, one clear message, and the request id on every answer. */
describe('problem messages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const id = res.headers['x-request-id'];
    expect(id).toBeTruthy();
    expect(res.body).toMatchObject({
      status,
      requestId: id,
      type: expect.stringMatching(/^urn:convene:problem:/),
    });
  }

  describe('an unknown method on a known path is 405 with Allow', () => {
    it.each([
      ['delete', '/auth/login', 'POST'],
      ['put', '/health/live', 'GET, HEAD'],
      ['delete', '/organizations', 'GET, HEAD, POST'],
      ['post', '/organizations/00000000-0000-4000-8000-000000000000', 'GET, HEAD'],
      ['put', '/me', 'GET, HEAD, PATCH'],
    ] as const)('%s %s', async (method, path, allow) => {
      const res = await t.http[method](path);
      expectProblem(res, 405);
      expect(res.headers.allow).toBe(allow);
      expect(res.body).toMatchObject({
        code: 'route.method_not_allowed',
        title: 'Method Not Allowed',
        params: { method: method.toUpperCase(), allow: allow.split(', ') },
      });
    });

    it('an unknown path stays 404', async () => {
      const res = await t.http.delete('/no-such-thing');
      expectProblem(res, 404);
      expect(res.body.code).toBe('route.not_found');
      expect(res.headers.allow).toBeUndefined();
    });

    it('a known method still reaches its route', async () => {
      expect((await t.http.get('/health/live')).status).toBe(200);
      expect((await t.http.get('/me')).status).toBe(401);
    });
  });
});
