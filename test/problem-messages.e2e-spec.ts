import { randomUUID } from 'node:crypto';
import { AckError, closeAllSockets, connectAs, emitAck } from './factories/discussion';
import { createUser } from './factories/users';
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

  describe('a body of a type the API does not read is 415', () => {
    it.each([
      [
        'text/plain',
        'The request body is text/plain; send application/json or application/x-www-form-urlencoded.',
      ],
      [
        'application/xml; charset=utf-8',
        'The request body is application/xml; send application/json or application/x-www-form-urlencoded.',
      ],
    ])('%s', async (type, detail) => {
      const res = await t.http.post('/auth/login').set('Content-Type', type).send('email=a@example.org');
      expectProblem(res, 415);
      expect(res.body).toMatchObject({
        code: 'request.unsupported_media_type',
        title: 'Unsupported Media Type',
        detail,
        params: { accepted: ['application/json', 'application/x-www-form-urlencoded'] },
      });
    });

    it('on a PATCH too', async () => {
      const res = await t.http.patch('/me').set('Content-Type', 'text/plain').send('hello');
      expectProblem(res, 415);
    });

    it('JSON and urlencoded bodies are read as before', async () => {
      const json = await t.http
        .post('/auth/login')
        .send({ email: 'nobody@example.org', password: 'not-the-one-1' });
      expect(json.status).toBe(401);
      const form = await t.http
        .post('/auth/login')
        .type('form')
        .send('email=nobody@example.org&password=not-the-one-1');
      expect(form.status).toBe(401);
    });

    it('bodyless requests are unaffected: GET, DELETE, an empty POST with any Content-Type', async () => {
      expect((await t.http.get('/health/live').set('Content-Type', 'text/plain')).status).toBe(200);
      expect((await t.http.delete('/organizations/00000000-0000-4000-8000-000000000000')).status).not.toBe(
        415,
      );
      const empty = await t.http.post('/auth/logout').set('Content-Type', 'text/plain');
      expect(empty.status).not.toBe(415);
      const none = await t.http.post('/auth/login');
      expect(none.status).toBe(422);
    });
  });

  describe('validation says one clear thing per field', () => {
    it('a missing required field is "X is required", once', async () => {
      const res = await t.http.post('/auth/login').send({});
      expectProblem(res, 422);
      expect(res.body.code).toBe('request.invalid');
      expect(res.body.errors).toEqual([
        { path: 'email', message: 'email is required' },
        { path: 'password', message: 'password is required' },
      ]);
      expect(res.body.errorCount).toBe(2);
    });

    it('a null is named as such, a wrong type before any length rule', async () => {
      const res = await t.http.post('/auth/login').send({ email: null, password: 5 });
      expect(res.body.errors).toEqual([
        { path: 'email', message: 'email must not be null' },
        { path: 'password', message: 'password must be a string' },
      ]);
    });

    it('"1 character", not "1 characters"', async () => {
      const res = await t.http
        .post('/auth/register')
        .send({ email: 'someone@example.org', password: 'long-enough-password-1', displayName: '   ' });
      expectProblem(res, 422);
      expect(res.body.errors).toEqual([
        { path: 'displayName', message: 'displayName must be longer than or equal to 1 character' },
      ]);
    });

    it.each(['abc', '0', '2.5', '201', ''])('?limit=%s gives one message with the bounds', async (limit) => {
      const res = await t.http.get(`/organizations?limit=${limit}`);
      expectProblem(res, 422);
      expect(res.body.errors).toEqual([
        { path: 'limit', message: 'limit must be an integer between 1 and 200' },
      ]);
    });

    it('a socket body: 5 must be a string (not "must not be blank")', async () => {
      const user = await createUser(t);
      const socket = await connectAs(t, user);
      try {
        const ack = await emitAck<AckError>(socket, 'message:send', {
          channelId: randomUUID(),
          clientMessageId: '',
          body: 5,
        });
        expect(ack.error).toMatchObject({ status: 422, code: 'request.invalid' });
        expect(ack.error.errors).toEqual([
          { path: 'clientMessageId', message: 'clientMessageId must be longer than or equal to 1 character' },
          { path: 'body', message: 'body must be a string' },
        ]);
      } finally {
        closeAllSockets();
      }
    });
  });
});
