import { createTestApp, TestApp } from './support/test-app';

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ corsOrigins: ['https://app.convene.example'] });
  });
  afterAll(() => t.close());

  it('allows a configured origin and exposes the request id header', async () => {
    const res = await t.http
      .options('/me')
      .set('Origin', 'https://app.convene.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBe('https://app.convene.example');
    const get = await t.http.get('/health/live').set('Origin', 'https://app.convene.example');
    expect(get.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
  });

  it('does not allow another origin', async () => {
    const res = await t.http
      .options('/me')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
