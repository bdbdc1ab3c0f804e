import { randomUUID } from 'node:crypto';
import { channelRoom } from '../src/discussion/channel-access';
import { Channel } from '../src/discussion/entities/channel.entity';
import { Message } from '../src/discussion/entities/message.entity';
import { PresenceService } from '../src/discussion/presence.service';
import { RealtimeBus } from '../src/discussion/realtime-bus';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import {
  AckError,
  AckOk,
  closeAllSockets,
  connectAs,
  emitAck,
  generalChannelId,
  joinOk,
  sendOk,
} from './factories/discussion';
import { addMember, createGroupCast, useGroupCast } from './factories/groups';
import { meetingBody } from './factories/meetings';
import { TestUser } from './factories/users';

/**
 * A meeting's channel follows its meeting: hidden and read-only while the meeting is a draft (only those who see
 * drafts see it), open while scheduled or live, read-only after; renamed with the meeting. Plus the races around
 * membership removal, the replay boundary and the seq bounds.
 */
describe('discussion: meeting channels follow their meeting', () => {
  const { t, cast } = useGroupCast();
  afterEach(() => {
    closeAllSockets();
    jest.restoreAllMocks();
  });

  const createMeeting = async (fields: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(cast.governmentAnchor.auth)
      .send(meetingBody(fields))
      .expect(201);
    return res.body.id as string;
  };
  const setStatus = (meetingId: string, status: string) =>
    t.http.post(`/meetings/${meetingId}/status`).set(cast.governmentAnchor.auth).send({ status }).expect(200);
  const listed = async (user: TestUser) => {
    const res = await t.http.get(`/working-groups/${cast.group.slug}/channels`).set(user.auth).expect(200);
    return res.body.items as { id: string; name: string; meetingId?: string; readOnly: boolean }[];
  };
  const unreadIds = async (user: TestUser) => {
    const res = await t.http.get('/me/unread').set(user.auth).expect(200);
    return (res.body.items as { channelId: string }[]).map((i) => i.channelId);
  };
  const channelOf = (meetingId: string) => t.em().findOneOrFail(Channel, { meetingId });

  it("a draft meeting's channel is hidden from members and observers everywhere (404), read-only for anchors", async () => {
    const meetingId = await createMeeting({ title: 'Secret draft' });
    const channel = await channelOf(meetingId);

    for (const user of [cast.member, cast.observer]) {
      expect((await listed(user)).map((c) => c.meetingId)).not.toContain(meetingId);
      expect(await unreadIds(user)).not.toContain(channel.id);
      await t.http.get(`/channels/${channel.id}/messages`).set(user.auth).expect(404);
      const socket = await connectAs(t, user);
      for (const [event, payload] of [
        ['channel:join', { channelId: channel.id, sinceSeq: 0 }],
        ['read', { channelId: channel.id, seq: 0 }],
        ['message:send', { channelId: channel.id, clientMessageId: randomUUID(), body: 'hello?' }],
      ] as const) {
        const ack = await emitAck<AckError>(socket, event, payload);
        expect([event, ack.ok, ack.error?.status]).toEqual([event, false, 404]);
      }
    }

    const anchorView = (await listed(cast.governmentAnchor)).find((c) => c.meetingId === meetingId);
    expect(anchorView).toMatchObject({ id: channel.id, name: 'Secret draft', readOnly: true });
    expect(await unreadIds(cast.governmentAnchor)).toContain(channel.id);
    const anchor = await connectAs(t, cast.governmentAnchor);
    await joinOk(anchor, channel.id, 0);
    const refused = await emitAck<AckError>(anchor, 'message:send', {
      channelId: channel.id,
      clientMessageId: randomUUID(),
      body: 'not yet',
    });
    expect(refused.error).toMatchObject({ status: 403, code: 'channel.read_only' });
    expect(await t.em().count(Message, { channel: channel.id })).toBe(0);
  });

  it('a steward who is an observer of the group sees draft channels, as they see draft meetings', async () => {
    const cast2 = await createGroupCast(t);
    await addMember(t, cast2.group, cast2.steward, GroupRole.Observer);
    const res = await t.http
      .post(`/working-groups/${cast2.group.slug}/meetings`)
      .set(cast2.governmentAnchor.auth)
      .send(meetingBody())
      .expect(201);
    const meetingId = res.body.id as string;
    const ids = async (user: TestUser) =>
      (
        (await t.http.get(`/working-groups/${cast2.group.slug}/channels`).set(user.auth).expect(200)).body
          .items as { meetingId?: string }[]
      ).map((c) => c.meetingId);
    expect(await ids(cast2.steward)).toContain(meetingId);
    expect(await ids(cast2.observer)).not.toContain(meetingId);
  });

  it('opens on draft → scheduled, renames with the meeting title, and turns read-only once concluded', async () => {
    const meetingId = await createMeeting({ title: 'Working title' });
    const channel = await channelOf(meetingId);
    await t.http
      .patch(`/meetings/${meetingId}`)
      .set(cast.governmentAnchor.auth)
      .send({ title: 'Budget transparency review' })
      .expect(200);
    expect((await channelOf(meetingId)).name).toBe('Budget transparency review');

    await setStatus(meetingId, 'scheduled');
    const seen = (await listed(cast.observer)).find((c) => c.meetingId === meetingId);
    expect(seen).toMatchObject({ id: channel.id, name: 'Budget transparency review', readOnly: false });
    const member = await connectAs(t, cast.member);
    await joinOk(member, channel.id);
    const m = await sendOk(member, { channelId: channel.id, clientMessageId: randomUUID(), body: 'hi' });
    expect(m.seq).toBe(1);
    expect(await unreadIds(cast.observer)).toContain(channel.id);

    await setStatus(meetingId, 'live');
    await setStatus(meetingId, 'concluded');
    expect(await channelOf(meetingId)).toMatchObject({ readOnly: true });
    await t.http.get(`/channels/${channel.id}/messages`).set(cast.observer.auth).expect(200);
  });

  it('a meeting created as scheduled has an open channel; cancelled from scheduled stays visible, read-only', async () => {
    const meetingId = await createMeeting({ status: 'scheduled' });
    const channel = await channelOf(meetingId);
    expect((await listed(cast.member)).find((c) => c.meetingId === meetingId)).toMatchObject({
      readOnly: false,
    });
    await setStatus(meetingId, 'cancelled');
    expect((await listed(cast.member)).find((c) => c.meetingId === meetingId)).toMatchObject({
      id: channel.id,
      readOnly: true,
    });
  });

  it('a meeting cancelled while a draft keeps its channel hidden', async () => {
    const meetingId = await createMeeting();
    const channel = await channelOf(meetingId);
    await setStatus(meetingId, 'cancelled');
    expect((await listed(cast.member)).map((c) => c.meetingId)).not.toContain(meetingId);
    await t.http.get(`/channels/${channel.id}/messages`).set(cast.member.auth).expect(404);
    expect((await listed(cast.governmentAnchor)).find((c) => c.meetingId === meetingId)).toMatchObject({
      readOnly: true,
    });
  });

  it('a read-only channel refuses edits and reactions (403); anchors may still delete (moderation)', async () => {
    const meetingId = await createMeeting({ status: 'scheduled' });
    const channel = await channelOf(meetingId);
    const member = await connectAs(t, cast.member);
    const mine = await sendOk(member, { channelId: channel.id, clientMessageId: randomUUID(), body: 'one' });
    const other = await sendOk(member, { channelId: channel.id, clientMessageId: randomUUID(), body: 'two' });
    const reacted = await emitAck(member, 'reaction:add', { messageId: mine.id, emoji: '👍' });
    expect(reacted.ok).toBe(true);
    await setStatus(meetingId, 'cancelled');

    for (const [event, payload] of [
      ['message:edit', { messageId: mine.id, body: 'changed' }],
      ['reaction:add', { messageId: mine.id, emoji: '🎉' }],
      ['reaction:remove', { messageId: mine.id, emoji: '👍' }],
    ] as const) {
      const ack = await emitAck<AckError>(member, event, payload);
      expect([event, ack.ok, ack.error?.code]).toEqual([event, false, 'channel.read_only']);
    }
    const stored = await t.em().findOneOrFail(Message, { id: mine.id });
    expect(stored.body).toBe('one');
    const [{ n }] = await t
      .em()
      .execute<{ n: string }[]>('select count(*) as n from message_reaction where message_id = ?', [mine.id]);
    expect(Number(n)).toBe(1);

    const anchor = await connectAs(t, cast.governmentAnchor);
    const deleted = await emitAck<AckOk>(anchor, 'message:delete', { messageId: other.id });
    expect(deleted).toMatchObject({ ok: true, message: { body: null } });
  });
});

describe('discussion: races with membership removal, the replay boundary, seq bounds', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
  });
  afterEach(() => {
    closeAllSockets();
    jest.restoreAllMocks();
  });

  const removeMembership = (userId: string) =>
    t
      .em()
      .nativeUpdate(Membership, { group: cast.group.id, user: userId }, { status: MembershipStatus.Removed });
  const restoreMembership = (userId: string) =>
    t
      .em()
      .nativeUpdate(Membership, { group: cast.group.id, user: userId }, { status: MembershipStatus.Active });

  it('a join that races a removal (removed between the access check and the room join) is refused and leaves the room', async () => {
    const user = cast.observer;
    const presence = t.app.get(PresenceService);
    const original = presence.join.bind(presence);
    jest.spyOn(presence, 'join').mockImplementation(async (socket, id) => {
      await removeMembership(user.id);
      return original(socket, id);
    });
    try {
      const socket = await connectAs(t, user);
      const ack = await emitAck<AckError>(socket, 'channel:join', { channelId });
      expect(ack).toMatchObject({ ok: false, error: { status: 404 } });
      const inRoom = (await t.app.get(RealtimeBus).server!.in(channelRoom(channelId)).fetchSockets()).map(
        (s) => (s.data as { user: { id: string } }).user.id,
      );
      expect(inRoom).not.toContain(user.id);
    } finally {
      await restoreMembership(user.id);
    }
  });

  it('a send whose author is removed while it waits for the channel lock is refused; nothing is stored', async () => {
    const author = await connectAs(t, cast.member);
    const lastSeqBefore = (await t.em().findOneOrFail(Channel, { id: channelId })).lastSeq;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another transaction holds the channel row lock and removes the author meanwhile (the race, made certain).
    const blocker = t.em().transactional(async (em) => {
      await em.execute('select id from channel where id = ? for update', [channelId]);
      await em.nativeUpdate(
        Membership,
        { group: cast.group.id, user: cast.member.id },
        { status: MembershipStatus.Removed },
      );
      locked();
      await released;
    });
    try {
      await lockTaken;
      const pending = emitAck<AckError>(author, 'message:send', {
        channelId,
        clientMessageId: randomUUID(),
        body: 'sent just before my removal',
      });
      // Wait until the send's own transaction is blocked on the channel lock (its rule checks are done).
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [{ n }] = await t.em().execute<{ n: string }[]>(
          `select count(*) as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from channel%for update%'`,
        );
        if (Number(n) > 0) break;
        if (Date.now() > deadline) throw new Error('the send never waited on the channel lock');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      release();
      await blocker;
      const ack = await pending;
      expect(ack).toMatchObject({ ok: false, error: { status: 404 } });
      expect((await t.em().findOneOrFail(Channel, { id: channelId })).lastSeq).toBe(lastSeqBefore);
      expect(await t.em().count(Message, { channel: channelId, author: cast.member.id })).toBe(0);
    } finally {
      release();
      await blocker.catch(() => undefined);
      await restoreMembership(cast.member.id);
    }
  });

  it('the join ack says how far the replay reached (replayedThrough), so late live duplicates can be dropped', async () => {
    const poster = await connectAs(t, cast.civilSocietyAnchor);
    const sent = [];
    for (const body of ['a', 'b', 'c']) {
      sent.push(await sendOk(poster, { channelId, clientMessageId: randomUUID(), body }));
    }
    const last = sent[2].seq;
    const reader = await connectAs(t, cast.observer);
    const some = await emitAck<AckOk>(reader, 'channel:join', { channelId, sinceSeq: last - 2 });
    expect(some).toMatchObject({ ok: true, replayedThrough: last });
    expect((some.missed as { seq: number }[]).map((m) => m.seq)).toEqual([last - 1, last]);
    const none = await emitAck<AckOk>(reader, 'channel:join', { channelId, sinceSeq: last });
    expect(none).toMatchObject({ ok: true, missed: [], replayedThrough: last });
    const noSince = await emitAck<AckOk>(reader, 'channel:join', { channelId });
    expect(noSince).toMatchObject({ ok: true, missed: [], replayedThrough: null });
  });

  it('seq fields past the int range are refused with 422, not a 500', async () => {
    const socket = await connectAs(t, cast.member);
    const huge = 2 ** 40;
    for (const [event, payload, path] of [
      ['channel:join', { channelId, sinceSeq: huge }, 'sinceSeq'],
      ['read', { channelId, seq: huge }, 'seq'],
    ] as const) {
      const ack = await emitAck<AckError>(socket, event, payload);
      expect(ack).toMatchObject({ ok: false, error: { status: 422, errors: [{ path }] } });
    }
    const ok = await emitAck(socket, 'channel:join', { channelId, sinceSeq: 2147483647 });
    expect(ok.ok).toBe(true);
    for (const query of [`afterSeq=${huge}`, `beforeSeq=${huge}`]) {
      const res = await t.http.get(`/channels/${channelId}/messages?${query}`).set(cast.member.auth);
      expect([query, res.status]).toEqual([query, 422]);
    }
  });
});
