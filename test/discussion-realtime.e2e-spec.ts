import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Message } from '../src/discussion/entities/message.entity';
import {
  AckError,
  closeAllSockets,
  collect,
  connect,
  connectAs,
  emitAck,
  generalChannelId,
  joinOk,
  sendOk,
  until,
  WireMessage,
} from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser, TestUser } from './factories/users';
import { TEST_JWT_SECRET } from './support/test-app';

// The 5 × 200 load test commits one message at a time per channel; give it room on a busy machine.
jest.setTimeout(120_000);

const ALLOWED_ORIGIN = 'https://app.convene.example';

describe('discussion over socket.io: handshake, send, join and replay', () => {
  // A generous rate limit: this file tests ordering under load, not throttling.
  const { t, cast } = useGroupCast({
    corsOrigins: [ALLOWED_ORIGIN],
    socketRatePerSecond: 10_000,
    socketRateBurst: 10_000,
  });
  let channelId: string;
  let otherChannelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
    otherChannelId = await generalChannelId(t, cast.otherAnchor, cast.otherGroup.slug);
  });
  afterEach(() => closeAllSockets());

  describe('handshake', () => {
    it('refuses a missing, malformed, expired or revoked token with connect_error "unauthorized"', async () => {
      const jwt = new JwtService({ secret: TEST_JWT_SECRET });
      const claims = JSON.parse(
        Buffer.from(cast.member.accessToken.split('.')[1], 'base64url').toString(),
      ) as {
        sub: string;
        sid: string;
      };
      const expired = jwt.sign(
        { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 60 },
        { algorithm: 'HS256' },
      );
      const wrongKey = new JwtService({ secret: 'x'.repeat(64) }).sign({ sub: claims.sub, sid: claims.sid });
      for (const token of [undefined, '', 'not-a-jwt', expired, wrongKey]) {
        await expect(connect(t, token)).rejects.toThrow('unauthorized');
      }
      const loggedOut = await createUser(t);
      await t.http
        .post('/auth/logout')
        .set(loggedOut.auth)
        .send({ refreshToken: loggedOut.refreshToken })
        .expect((res) => expect(res.status).toBeLessThan(300));
      await expect(connectAs(t, loggedOut)).rejects.toThrow('unauthorized');
    });

    it('checks the Origin of browser clients against the allowlist; clients without Origin connect', async () => {
      await expect(
        connect(t, cast.member.accessToken, { extraHeaders: { Origin: 'https://evil.example' } }),
      ).rejects.toThrow();
      const ok = await connect(t, cast.member.accessToken, { extraHeaders: { Origin: ALLOWED_ORIGIN } });
      expect(ok.connected).toBe(true);
      const noOrigin = await connectAs(t, cast.member);
      expect(noOrigin.connected).toBe(true);
    });

    it('refuses a frame larger than the payload limit by closing that connection only', async () => {
      const big = await connectAs(t, cast.member);
      const other = await connectAs(t, cast.member);
      const closed = new Promise((resolve) => big.once('disconnect', resolve));
      big.emit('message:send', { channelId, clientMessageId: 'huge', body: 'x'.repeat(200_000) });
      await closed;
      expect(await t.em().count(Message, { clientMessageId: 'huge' })).toBe(0);
      expect((await emitAck(other, 'channel:join', { channelId })).ok).toBe(true);
    });
  });

  describe('joining and posting rules', () => {
    it('answers 404 for a channel of another group, an unknown channel, and for non-members', async () => {
      const socket = await connectAs(t, cast.member);
      for (const id of [otherChannelId, randomUUID()]) {
        const ack = await emitAck<AckError>(socket, 'channel:join', { channelId: id });
        expect(ack).toEqual({
          ok: false,
          error: expect.objectContaining({ status: 404, title: 'Not Found' }),
        });
      }
      for (const user of [cast.outsider, cast.steward]) {
        const s = await connectAs(t, user);
        const ack = await emitAck<AckError>(s, 'channel:join', { channelId });
        expect(ack.error.status).toBe(404);
        const send = await emitAck<AckError>(s, 'message:send', {
          channelId,
          clientMessageId: 'x',
          body: 'hi',
        });
        expect(send.error.status).toBe(404);
      }
    });

    it('lets observers read but not post (403), and stores nothing', async () => {
      const socket = await connectAs(t, cast.observer);
      await joinOk(socket, channelId);
      const ack = await emitAck<AckError>(socket, 'message:send', {
        channelId,
        clientMessageId: 'observer-1',
        body: 'may I?',
      });
      expect(ack.error).toMatchObject({ status: 403, title: 'Forbidden' });
      expect(await t.em().count(Message, { clientMessageId: 'observer-1' })).toBe(0);
    });

    it('validates payloads like HTTP bodies and keeps the socket connected', async () => {
      const socket = await connectAs(t, cast.member);
      const cases: [unknown, string][] = [
        [{ channelId, clientMessageId: 'v1', body: 'x'.repeat(10_001) }, 'body'],
        [{ channelId, clientMessageId: 'v2', body: '' }, 'body'],
        [{ channelId, clientMessageId: 'v3', body: '   ' }, 'body'],
        [{ channelId, clientMessageId: 'v4', body: 42 }, 'body'],
        [{ channelId, clientMessageId: 'v5', body: 'hi', admin: true }, 'admin'],
        [{ channelId, clientMessageId: 'x'.repeat(101), body: 'hi' }, 'clientMessageId'],
        [{ channelId: 'not-a-uuid', clientMessageId: 'v6', body: 'hi' }, 'channelId'],
        ['just a string', ''],
        [null, ''],
        [[1, 2, 3], ''],
      ];
      for (const [payload, path] of cases) {
        const ack = await emitAck<AckError>(socket, 'message:send', payload);
        expect(ack.ok).toBe(false);
        expect(ack.error).toMatchObject({ status: 422, code: 'request.invalid' });
        expect(ack.error.errors?.map((e) => e.path)).toContain(path);
      }
      const noPayload = await emitAck<AckError>(socket, 'message:send');
      expect(noPayload.error.status).toBe(422);
      expect(socket.connected).toBe(true);
      expect(await t.em().count(Message, { clientMessageId: { $like: 'v%' } })).toBe(0);
      const ok = await sendOk(socket, {
        channelId,
        clientMessageId: `exact-${randomUUID()}`,
        body: 'y'.repeat(10_000),
      });
      expect(ok.body).toHaveLength(10_000);
    });

    it('answers message:send with the committed message in the documented shape and broadcasts it', async () => {
      const sender = await connectAs(t, cast.member);
      const receiver = await connectAs(t, cast.governmentAnchor);
      await joinOk(receiver, channelId);
      const received = collect<WireMessage>(receiver, 'message:new');
      const clientMessageId = randomUUID();
      const message = await sendOk(sender, { channelId, clientMessageId, body: 'Hello, group' });
      expect(Object.keys(message).sort()).toEqual(
        [
          'id',
          'channelId',
          'seq',
          'author',
          'body',
          'parentId',
          'mentions',
          'reactions',
          'clientMessageId',
          'createdAt',
          'editedAt',
          'deletedAt',
        ].sort(),
      );
      expect(message).toMatchObject({
        channelId,
        author: { id: cast.member.id, displayName: cast.member.displayName },
        body: 'Hello, group',
        parentId: null,
        mentions: [],
        reactions: [],
        clientMessageId,
        editedAt: null,
        deletedAt: null,
      });
      expect(message.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      const stored = await t.em().findOneOrFail(Message, { id: message.id });
      expect(stored.seq).toBe(message.seq);
      await until(() => received.some((m) => m.id === message.id));
      expect(received.find((m) => m.id === message.id)).toEqual(message);
    });
  });

  describe('exactly once', () => {
    it('returns the first message for a retried clientMessageId: one row, one broadcast', async () => {
      const sender = await connectAs(t, cast.member);
      const receiver = await connectAs(t, cast.civilSocietyAnchor);
      await joinOk(receiver, channelId);
      const received = collect<WireMessage>(receiver, 'message:new');
      const clientMessageId = `retry-${randomUUID()}`;
      const first = await sendOk(sender, { channelId, clientMessageId, body: 'only once' });
      // The ack was "dropped": the client retries, even with a changed body, and concurrently twice more.
      const again = await sendOk(sender, { channelId, clientMessageId, body: 'only once (retry)' });
      const racing = await Promise.all([
        sendOk(sender, { channelId, clientMessageId, body: 'x' }),
        sendOk(await connectAs(t, cast.member), { channelId, clientMessageId, body: 'y' }),
      ]);
      for (const m of [again, ...racing]) expect(m).toEqual(first);
      const marker = await sendOk(sender, { channelId, clientMessageId: randomUUID(), body: 'marker' });
      await until(() => received.some((m) => m.id === marker.id));
      expect(received.filter((m) => m.clientMessageId === clientMessageId)).toHaveLength(1);
      expect(await t.em().count(Message, { clientMessageId })).toBe(1);
    });

    it('dedupes two concurrent first sends with the same clientMessageId (one insert)', async () => {
      const a = await connectAs(t, cast.member);
      const b = await connectAs(t, cast.member);
      const clientMessageId = `race-${randomUUID()}`;
      const [x, y] = await Promise.all([
        sendOk(a, { channelId, clientMessageId, body: 'race' }),
        sendOk(b, { channelId, clientMessageId, body: 'race' }),
      ]);
      expect(x.id).toBe(y.id);
      expect(await t.em().count(Message, { clientMessageId })).toBe(1);
    });

    it('delivers 5 × 200 concurrent messages to every receiver exactly once, in seq order, without gaps', async () => {
      const res = await t.http
        .post(`/working-groups/${cast.group.slug}/channels`)
        .set(cast.governmentAnchor.auth)
        .send({ name: `load-${randomUUID().slice(0, 8)}` })
        .expect(201);
      const loadChannel = res.body.id as string;
      const senders: TestUser[] = [];
      for (let i = 0; i < 5; i += 1) {
        const user = await createUser(t);
        await addMember(t, cast.group, user);
        senders.push(user);
      }
      const sockets = await Promise.all(senders.map((u) => connectAs(t, u)));
      const listener = await connectAs(t, cast.observer);
      const receivers = [...sockets, listener];
      for (const s of receivers) await joinOk(s, loadChannel);
      const inboxes = receivers.map((s) => collect<WireMessage>(s, 'message:new'));
      const acks = await Promise.all(
        sockets.map((s, i) =>
          Promise.all(
            Array.from({ length: 200 }, (_, n) =>
              sendOk(s, {
                channelId: loadChannel,
                clientMessageId: `${i}-${n}`,
                body: `sender ${i} message ${n}`,
              }),
            ),
          ),
        ),
      );
      const expected = Array.from({ length: 1000 }, (_, i) => i + 1);
      expect(
        acks
          .flat()
          .map((m) => m.seq)
          .sort((a, b) => a - b),
      ).toEqual(expected);
      for (const inbox of inboxes) {
        await until(() => inbox.length >= 1000, 60_000, 'all 1000 messages');
        expect(inbox.map((m) => m.seq)).toEqual(expected);
      }
      // Each sender's own messages arrive in the order it sent them (seq order = its send order).
      for (let i = 0; i < 5; i += 1) {
        const mine = inboxes[5].filter((m) => m.author.id === senders[i].id).map((m) => m.clientMessageId);
        expect(mine).toEqual(Array.from({ length: 200 }, (_, n) => `${i}-${n}`));
      }
      // Replay pages at 500.
      const late = await connectAs(t, cast.member);
      const first = await joinOk(late, loadChannel, 0);
      expect(first.missed.map((m) => m.seq)).toEqual(expected.slice(0, 500));
      expect(first.hasMore).toBe(true);
      await emitAck(late, 'channel:leave', { channelId: loadChannel });
      const second = await joinOk(late, loadChannel, 500);
      expect(second.missed.map((m) => m.seq)).toEqual(expected.slice(500));
      expect(second.hasMore).toBe(false);
    });
  });

  describe('nothing lost', () => {
    it('replays exactly the 100 messages a disconnected client missed', async () => {
      const reader = await connectAs(t, cast.observer);
      const joined = await joinOk(reader, channelId);
      const writer = await connectAs(t, cast.member);
      const last = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'before' });
      reader.close();
      expect(joined.online).toContain(cast.observer.id);
      const sent: WireMessage[] = [];
      for (let i = 0; i < 100; i += 1) {
        sent.push(await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: `missed ${i}` }));
      }
      const back = await connectAs(t, cast.observer);
      const rejoined = await joinOk(back, channelId, last.seq);
      expect(rejoined.missed.map((m) => m.id)).toEqual(sent.map((m) => m.id));
      expect(rejoined.missed.map((m) => m.seq)).toEqual(sent.map((_, i) => last.seq + 1 + i));
      expect(rejoined.hasMore).toBe(false);
      expect(rejoined.channel).toMatchObject({ id: channelId, kind: 'general', groupSlug: cast.group.slug });
    });

    it('joining while messages are being committed: replay plus live stream has every seq once', async () => {
      const writer = await connectAs(t, cast.member);
      const base = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'base' });
      const stop = { now: false };
      const writing = (async () => {
        let n = 0;
        while (!stop.now && n < 300) {
          await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: `live ${n}` });
          n += 1;
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reader = await connectAs(t, cast.civilSocietyAnchor);
      const live = collect<WireMessage>(reader, 'message:new');
      const joined = await joinOk(reader, channelId, base.seq);
      await new Promise((resolve) => setTimeout(resolve, 50));
      stop.now = true;
      await writing;
      const final = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'final' });
      await until(() => live.some((m) => m.seq === final.seq));
      const seqs = [...joined.missed, ...live].map((m) => m.seq).sort((a, b) => a - b);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual(Array.from({ length: final.seq - base.seq }, (_, i) => base.seq + 1 + i));
    });
  });

  describe('REST history', () => {
    it('pages by seq for members; 404 for others; validates limit', async () => {
      const writer = await connectAs(t, cast.member);
      const res0 = await t.http
        .post(`/working-groups/${cast.group.slug}/channels`)
        .set(cast.governmentAnchor.auth)
        .send({ name: `history-${randomUUID().slice(0, 8)}` })
        .expect(201);
      const id = res0.body.id as string;
      for (let i = 1; i <= 7; i += 1)
        await sendOk(writer, { channelId: id, clientMessageId: `h${i}`, body: `m${i}` });
      const latest = await t.http.get(`/channels/${id}/messages?limit=3`).set(cast.observer.auth).expect(200);
      expect(latest.body.items.map((m: WireMessage) => m.seq)).toEqual([5, 6, 7]);
      expect(latest.body.hasMore).toBe(true);
      const before = await t.http
        .get(`/channels/${id}/messages?limit=3&beforeSeq=5`)
        .set(cast.member.auth)
        .expect(200);
      expect(before.body.items.map((m: WireMessage) => m.seq)).toEqual([2, 3, 4]);
      const after = await t.http.get(`/channels/${id}/messages?afterSeq=5`).set(cast.member.auth).expect(200);
      expect(after.body.items.map((m: WireMessage) => m.seq)).toEqual([6, 7]);
      expect(after.body.hasMore).toBe(false);
      const all = await t.http.get(`/channels/${id}/messages`).set(cast.member.auth).expect(200);
      expect(all.body.items).toHaveLength(7);
      await t.http.get(`/channels/${id}/messages`).set(cast.outsider.auth).expect(404);
      await t.http.get(`/channels/${id}/messages`).set(cast.steward.auth).expect(404);
      await t.http.get(`/channels/${id}/messages`).expect(401);
      await t.http.get(`/channels/not-a-uuid/messages`).set(cast.member.auth).expect(404);
      await t.http.get(`/channels/${id}/messages?limit=201`).set(cast.member.auth).expect(422);
    });
  });
});
