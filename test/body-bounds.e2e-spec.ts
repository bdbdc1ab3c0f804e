import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { Ack, connectAs, closeAllSockets, emitAck } from './factories/discussion';
import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { DEFAULT_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 13, item 1 (and the prototype keys of item 6): what an anonymous body can make the server do is bounded
 * at the parser. Shapes only: speed is measured by `npm run bench` (bench/body-bounds.ts), not here.
 */

/** Short base-36 keys, so that 117,000 of them fit under the 1 MB body limit as in the attack run. */
const manyKeys = (n: number, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  const body: Record<string, unknown> = { ...extra };
  for (let i = 0; i < n; i++) body[i.toString(36)] = 0;
  return body;
};
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** The worst bodies of the attack run, as raw JSON text (so that `__proto__` stays a key). */
const WORST: { name: string; json: string; status: number; code: string; path: string }[] = [
  {
    name: '117,000 unknown keys in just under 1 MB',
    json: JSON.stringify(manyKeys(117_000)),
    status: 422,
    code: 'request.too_many_keys',
    path: '',
  },
  {
    name: '2,000-deep nesting',
    json: nested(2_000),
    status: 422,
    code: 'request.too_deep',
    path: 'a.a.a.a.a.a.a.a',
  },
  {
    name: 'a 100,000-element array',
    json: JSON.stringify({ email: 'a@example.org', password: Array.from({ length: 100_000 }, () => 1) }),
    status: 422,
    code: 'request.too_many_items',
    path: 'password',
  },
  {
    name: 'a 1.1 MB body',
    json: JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1_100_000) }),
    status: 413,
    code: 'request.too_large',
    path: '',
  },
  {
    name: 'a __proto__ key',
    json: '{"email":"a@example.org","password":"p","__proto__":{"role":"admin"}}',
    status: 422,
    code: 'request.forbidden_key',
    path: '__proto__',
  },
  {
    name: 'a nested constructor key',
    json: '{"email":"a@example.org","displayName":{"constructor":{"prototype":{"x":1}}}}',
    status: 422,
    code: 'request.forbidden_key',
    path: 'displayName.constructor',
  },
  {
    name: 'an escaped __proto__ key',
    json: '{"\\u005f_proto__":{"role":"admin"}}',
    status: 422,
    code: 'request.forbidden_key',
    path: '__proto__',
  },
];

interface AckProblem {
  status: number;
  code?: string;
  errors?: { path: string; message: string }[];
  errorCount?: number;
}

function ackError(ack: Ack): AckProblem {
  if (ack.ok) throw new Error('expected a refusal, got ok');
  return ack.error as AckProblem;
}

const post = (t: TestApp, path: string, json: string) =>
  t.http.post(path).set('Content-Type', 'application/json').send(json);

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `urn:convene:problem:${code}` });
}

describe('bounded request bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    closeAllSockets();
    await t.close();
  });

  describe.each(['/auth/login', '/auth/register'])('%s', (route) => {
    it.each(WORST)('refuses $name with $status $code and a field path', async (worst) => {
      const res = await post(t, route, worst.json);
      expectProblem(res, worst.status, worst.code);
      if (worst.status === 422) {
        expect(res.body.errors).toEqual([{ path: worst.path, message: expect.any(String) }]);
        expect(res.body.errorCount).toBe(1);
      }
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
    });

    it('answers field errors capped at 50, with the total count', async () => {
      const res = await post(t, route, JSON.stringify(manyKeys(60, { email: 'a@example.org' })));
      expectProblem(res, 422, 'request.invalid');
      expect(res.body.errors).toHaveLength(50);
      expect(res.body.errorCount).toBeGreaterThanOrEqual(60);
      expect(res.body.errors[0]).toEqual({ path: expect.any(String), message: expect.any(String) });
    });
  });

  it('still registers and logs in with ordinary bodies', async () => {
    const email = `bounds-${randomUUID()}@example.org`;
    await t.http
      .post('/auth/register')
      .send({ email, password: DEFAULT_PASSWORD, displayName: 'Bounded Body' })
      .expect(201);
    await t.http.post('/auth/login').send({ email, password: DEFAULT_PASSWORD }).expect(200);
  });

  describe('legitimate large bodies', () => {
    let cast: GroupCast;
    beforeAll(async () => {
      cast = await createGroupCast(t);
    });

    it('accepts minutes at every maximum (200 decisions, 200 action items, a 100,000-character body)', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
        status: MeetingStatus.Concluded,
      });
      const body = {
        body: 'm'.repeat(100_000),
        decisions: Array.from({ length: 200 }, (_, i) => `${i} `.padEnd(2_000, 'd')),
        actionItems: Array.from({ length: 200 }, (_, i) => ({
          title: `Action ${i} `.padEnd(300, 'a'),
          assigneeId: cast.member.id,
          dueDate: '2031-06-30',
        })),
      };
      const res = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.governmentAnchor.auth)
        .send(body)
        .expect(200);
      expect(res.body.actionItems).toHaveLength(200);
      expect(res.body.decisions).toHaveLength(200);
    });

    it('lets a 500-item agenda reorder through to the rules (409 for ids not on the agenda, not 413/422)', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
      const res = await t.http
        .put(`/meetings/${meeting.id}/agenda-order`)
        .set(cast.governmentAnchor.auth)
        .send({ itemIds: Array.from({ length: 500 }, () => randomUUID()) })
        .expect(409);
      expect(res.body.code).toBe('agenda.order_mismatch');
    });
  });

  describe('socket payloads', () => {
    let cast: GroupCast;
    beforeAll(async () => {
      cast = await createGroupCast(t);
    });

    it.each([
      ['too many keys', manyKeys(1_000, { channelId: randomUUID() }), 'request.too_many_keys', ''],
      ['too deep', JSON.parse(nested(100)) as unknown, 'request.too_deep', 'a.a.a.a.a.a.a.a'],
      [
        'too many items',
        { channelId: Array.from({ length: 5_000 }, () => 1) },
        'request.too_many_items',
        'channelId',
      ],
      [
        'a __proto__ key',
        JSON.parse('{"channelId":"x","__proto__":{"a":1}}') as unknown,
        'request.forbidden_key',
        '__proto__',
      ],
      ['a constructor key', { channelId: 'x', constructor: 1 }, 'request.forbidden_key', 'constructor'],
    ])('refuses %s in an ack with 422, code and path', async (_name, payload, code, path) => {
      const socket = await connectAs(t, cast.member);
      const error = ackError(await emitAck(socket, 'channel:join', payload));
      expect(error).toMatchObject({
        status: 422,
        code,
        errors: [{ path, message: expect.any(String) }],
        errorCount: 1,
      });
      socket.disconnect();
    });

    it('caps the field errors of an ack at 50, with the total count', async () => {
      const socket = await connectAs(t, cast.member);
      const error = ackError(
        await emitAck(socket, 'channel:join', manyKeys(60, { channelId: randomUUID() })),
      );
      expect(error).toMatchObject({ status: 422, code: 'request.invalid', errorCount: 60 });
      expect(error.errors).toHaveLength(50);
      socket.disconnect();
    });
  });
});

describe('bodies refused at the parser count against the caller’s IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginLimitPerIp: 3 });
  });
  afterAll(() => t.close());

  it('blocks the IP with 429 and Retry-After once it has sent too many refused bodies, for login too', async () => {
    const statuses: number[] = [];
    for (const worst of [WORST[0], WORST[1], WORST[3]]) {
      statuses.push((await post(t, '/auth/register', worst.json)).status);
    }
    expect(statuses).toEqual([422, 422, 413]);
    const blocked = await post(t, '/auth/login', WORST[2].json);
    expectProblem(blocked, 429, 'rate.limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const login = await t.http
      .post('/auth/login')
      .send({ email: 'who@example.org', password: DEFAULT_PASSWORD });
    expect(login.status).toBe(429);
  });
});
