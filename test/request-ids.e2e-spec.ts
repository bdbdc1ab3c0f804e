import { Writable } from 'node:stream';
import { createTestApp, TestApp } from './support/test-app';

class CapturedLog extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

/** Every answer carries its request id (header and problem body) and leaves one log line, parser refusals too. */
describe('request ids on answers given before any route', () => {
  const log = new CapturedLog();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'info' }, { logStream: log });
  });
  afterAll(() => t.close());

  const linesFor = (id: string) =>
    log.lines.filter((l) => l.requestId === id || (l.req as { id?: string } | undefined)?.id === id);

  async function expectIdentified(res: { headers: Record<string, string>; body: unknown }, status: number) {
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[A-Za-z0-9._:-]+$/);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, requestId: id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = linesFor(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ res: { statusCode: status } });
  }

  it('malformed JSON (400)', async () => {
    const res = await t.http.post('/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.malformed_json');
    await expectIdentified(res, 400);
  });

  it('an over-size body (413)', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    await expectIdentified(res, 413);
  });

  it('an unsupported media type (415)', async () => {
    const res = await t.http.post('/auth/login').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    await expectIdentified(res, 415);
  });

  it('a method a known path does not take (405)', async () => {
    const res = await t.http.delete('/auth/login');
    expect(res.status).toBe(405);
    await expectIdentified(res, 405);
  });

  it("keeps the caller's safe X-Request-Id on a parser refusal", async () => {
    const res = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'trace-abc-123')
      .send('{oops');
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body.requestId).toBe('trace-abc-123');
    await expectIdentified(res, 400);
  });

  it('an ordinary answer still has one line with the same id', async () => {
    const res = await t.http.get('/no-such-route');
    expect(res.status).toBe(404);
    await expectIdentified(res, 404);
  });
});
