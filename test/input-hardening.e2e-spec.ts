import { Socket } from 'socket.io-client';
import { AckError, closeAllSockets, connectAs, emitAck, joinOk, sendOk } from './factories/discussion';
import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting, meetingBody } from './factories/meetings';
import { mustRefuse, valuesFor } from './support/hostile-values';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The cases the attack run found (issue 13, item 4), each a 422 naming the field: NUL and lone surrogates in
 * any string (body, query, path, socket payload), impossible dates, integers past the column, and, for socket
 * payloads (which have no OpenAPI document to drive hostile-input.e2e-spec), the hostile table per field.
 */

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\uD800y';

/** A 422 naming exactly these fields (each once, whatever the number of rules it broke). */
function expectRefusedAt(
  res: { status: number; body: { errors?: { path: string }[] } },
  ...paths: string[]
): void {
  expect(res.status).toBe(422);
  expect([...new Set((res.body.errors ?? []).map((e) => e.path))].sort()).toEqual(paths.sort());
}

describe('bad input is a 422 with a field path, never a 500', () => {
  let t: TestApp;
  let cast: GroupCast;
  let channelId: string;

  beforeAll(async () => {
    t = await createTestApp({ socketRatePerSecond: 100_000, socketRateBurst: 100_000 });
    cast = await createGroupCast(t);
    const channels = await t.http
      .get(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.member.auth)
      .expect(200);
    channelId = channels.body.items[0].id as string;
  });
  afterEach(() => closeAllSockets());
  afterAll(() => t.close());

  it('refuses NUL in the login email and the registered display name', async () => {
    const login = await t.http
      .post('/auth/login')
      .send({ email: `${NUL}@example.org`, password: 'whatever' });
    expectRefusedAt(login, 'email');
    const register = await t.http
      .post('/auth/register')
      .send({ email: 'nul-name@example.org', password: 'a-long-and-unusual-passphrase', displayName: NUL });
    expectRefusedAt(register, 'displayName');
  });

  it.each([
    ['a lone surrogate (was stored as U+FFFD)', LONE_SURROGATE],
    ['null for a field that cannot be cleared (was a 500)', null],
  ])('refuses %s as a display name', async (_label, displayName) => {
    const res = await t.http.patch('/me').set(cast.member.auth).send({ displayName });
    expectRefusedAt(res, 'displayName');
  });

  it('refuses NUL in a path slug and in a query', async () => {
    const slug = await t.http.get('/working-groups/a%00b');
    expectRefusedAt(slug, 'slug');
    const query = await t.http.get('/users?q=a%00b').set(cast.admin.auth);
    expectRefusedAt(query, 'q');
  });

  it.each([
    ['a day February lacks (was rolled to 2 March)', '2027-02-30T10:00:00Z'],
    ['year 0000 (was a 500)', '0000-01-01T00:00:00Z'],
    ['hour 24', '2027-03-01T24:00:00Z'],
  ])('refuses a meeting starting on %s', async (_label, startsAt) => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(cast.governmentAnchor.auth)
      .send(meetingBody({ startsAt }));
    expectRefusedAt(res, 'startsAt');
  });

  it.each([
    [
      'nested strings, by their full path',
      ['fine', NUL],
      LONE_SURROGATE,
      '2027-01-10',
      ['actionItems[0].title', 'decisions[1]'],
    ],
    ['an impossible due date (was a 500)', [], 'Follow up', '2027-02-30', ['actionItems[0].dueDate']],
  ])('refuses minutes with %s', async (_label, decisions, title, dueDate, paths) => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const res = await t.http
      .put(`/meetings/${meeting.id}/minutes`)
      .set(cast.governmentAnchor.auth)
      .send({ body: 'ok', decisions, actionItems: [{ title, assigneeId: cast.member.id, dueDate }] });
    expectRefusedAt(res, ...paths);
  });

  it.each(['0000-01-01T00:00:00Z', '2027-02-30T00:00:00Z'])('refuses ?from=%s', async (from) => {
    const res = await t.http
      .get(`/working-groups/${cast.group.slug}/meetings?from=${encodeURIComponent(from)}`)
      .set(cast.member.auth);
    expectRefusedAt(res, 'from');
  });

  it.each([2 ** 31, 1e308])('refuses a capacity of %d (the column is an integer)', async (capacity) => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(cast.governmentAnchor.auth)
      .send(meetingBody({ capacity }));
    expectRefusedAt(res, 'capacity');
  });

  it('refuses NUL and lone surrogates in a message body over the socket', async () => {
    const socket = await connectAs(t, cast.member);
    await joinOk(socket, channelId);
    for (const body of [NUL, LONE_SURROGATE]) {
      const ack = await emitAck<AckError>(socket, 'message:send', { channelId, clientMessageId: 'c1', body });
      expect(ack.ok).toBe(false);
      expect(ack.error.status).toBe(422);
      expect(ack.error.errors?.map((e) => e.path)).toEqual(['body']);
    }
  });

  it('accepts only emoji or a :shortcode: as a reaction', async () => {
    const socket = await connectAs(t, cast.member);
    await joinOk(socket, channelId);
    const message = await sendOk(socket, { channelId, clientMessageId: 'react-me', body: 'react to me' });
    for (const emoji of ['<script>alert(1)</script>', '\u202E👍', 'tada', '👍 nice']) {
      const ack = await emitAck<AckError>(socket, 'reaction:add', { messageId: message.id, emoji });
      expect(ack.ok).toBe(false);
      expect(ack.error.status).toBe(422);
      expect(ack.error.errors?.map((e) => e.path)).toEqual(['emoji']);
    }
    for (const emoji of ['👍🏽', '👩🏽‍💻', '🇧🇷', ':tada:']) {
      expect((await emitAck(socket, 'reaction:add', { messageId: message.id, emoji })).ok).toBe(true);
    }
  });

  it('answers every hostile value in every socket payload field without a 5xx', async () => {
    const socket: Socket = await connectAs(t, cast.governmentAnchor);
    await joinOk(socket, channelId);
    const message = await sendOk(socket, { channelId, clientMessageId: 'fuzz-base', body: 'base' });
    const kinds: Record<string, 'string' | 'number'> = { sinceSeq: 'number', seq: 'number' };
    const payloads: [string, Record<string, unknown>][] = [
      ['channel:join', { channelId, sinceSeq: 0 }],
      ['typing', { channelId }],
      ['read', { channelId, seq: 1 }],
      ['message:send', { channelId, clientMessageId: 'fuzz', body: 'hello', parentId: message.id }],
      ['message:edit', { messageId: message.id, body: 'edited' }],
      ['reaction:add', { messageId: message.id, emoji: '👍' }],
      ['reaction:remove', { messageId: message.id, emoji: '👍' }],
      ['channel:leave', { channelId }],
      ['message:delete', { messageId: message.id }],
    ];
    const failures: string[] = [];
    let turn = 0;
    for (const [event, base] of payloads) {
      for (const field of Object.keys(base)) {
        const target = { in: 'body' as const, kind: kinds[field] ?? ('string' as const) };
        for (const hostile of valuesFor(target, turn++)) {
          const ack = await emitAck<AckError | { ok: true }>(socket, event, {
            ...base,
            [field]: hostile.value,
          });
          const where = `${event} ${field} = ${hostile.label}`;
          if (!ack.ok && ack.error.status >= 500) failures.push(`${where} → ${ack.error.status}`);
          if (ack.ok && mustRefuse(hostile, target)) failures.push(`${where} → accepted`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
