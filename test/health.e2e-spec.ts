import { Client } from 'pg';
import { createTestApp, TestApp } from './support/test-app';

describe('health and cross-cutting HTTP behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('answers 503 on readiness while the database refuses connections, and recovers', async () => {
    const name = new URL(t.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: t.databaseUrl.replace(`/${name}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`alter database "${name}" allow_connections false`);
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      const down = await t.http.get('/health/ready').expect(503);
      expect(down.body).toMatchObject({ status: 503, code: 'health.not_ready' });
      await t.http.get('/health/live').expect(200);
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
    }
    await t.http.get('/health/ready').expect(200);
  });

  it('gives every response a request id, keeping a safe incoming one and replacing an unsafe one', async () => {
    const minted = await t.http.get('/health/live');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http.get('/health/live').set('X-Request-Id', 'trace-abc.123');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const replaced = await t.http.get('/health/live').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers['x-request-id']).not.toBe('bad id <script>');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http.get('/no/such/route').set('X-Request-Id', 'req-404').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      type: expect.stringMatching(/^urn:convene:problem:/),
      requestId: 'req-404',
    });
  });

  it('sets helmet headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/me', '/organizations/{id}', '/users/{id}']),
    );
    await t.http.get('/docs').expect(200).expect('content-type', /html/);
  });

  it('types every operation: summary, operationId, explicit security, success and problem responses', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<
        string,
        Record<
          string,
          {
            summary?: string;
            operationId?: string;
            security?: Record<string, unknown>[];
            responses: Record<
              string,
              { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
            >;
          }
        >
      >;
    };
    const untyped: string[] = [];
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(operation.responses).filter(([code]) => /^2/.test(code));
        const typed = success.some(
          // tus answers (201 of POST /uploads, 200 of HEAD) say everything in their documented headers.
          ([code, r]) =>
            code === '204' ||
            Object.values(r.content ?? {}).some((c) => c.schema) ||
            Object.keys(r.headers ?? {}).length > 0,
        );
        if (!typed) untyped.push(name);
        if (!operation.responses.default?.content?.['application/problem+json'])
          untyped.push(`${name} (problem)`);
        const problems = Object.entries(operation.responses).filter(([code]) => /^4/.test(code));
        if (problems.length === 0 || problems.some(([, r]) => !r.content?.['application/problem+json']))
          untyped.push(`${name} (4xx problems)`);
        if (!operation.summary?.trim()) untyped.push(`${name} (summary)`);
        // Explicit and camelCase: @nestjs/swagger's fallback (Controller_method) does not pass.
        const id = operation.operationId ?? '';
        if (!/^[a-z][A-Za-z0-9]*$/.test(id) || operationIds.has(id))
          untyped.push(`${name} (operationId ${id})`);
        operationIds.add(id);
        const security = operation.security;
        const schemes = (security ?? []).flatMap((requirement) => Object.keys(requirement));
        if (!Array.isArray(security) || schemes.some((s) => !(s in doc.components.securitySchemes)))
          untyped.push(`${name} (security)`);
      }
    }
    expect(untyped).toEqual([]);
  });
});
