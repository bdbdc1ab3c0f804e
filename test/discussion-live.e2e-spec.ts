import { randomUUID } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { DomainHooks } from '../src/common/events/hooks';
import { Message } from '../src/discussion/entities/message.entity';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { MembershipStatus } from '../src/groups/groups.enums';
import { User } from '../src/users/entities/user.entity';
import {
  AckError,
  AckOk,
  closeAllSockets,
  collect,
  connectAs,
  emitAck,
  generalChannelId,
  joinOk,
  sendOk,
  until,
} from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser, TestUser } from './factories/users';

const settle = (ms = 150): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('discussion: read state, typing, presence, revocation, rate limit', () => {
  const { t, cast } = useGroupCast(); // default socket rate limit: 10/s, burst 20
  let channelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
  });
  afterEach(() => closeAllSockets());

  const newMember = async (displayName?: string): Promise<TestUser> => {
    const user = await createUser(t, { displayName });
    await addMember(t, cast.group, user);
    return user;
  };

  it('read markers move forward only; /me/unread counts others’ messages and mentions per channel', async () => {
    const reader = await newMember(`Reader ${randomUUID().slice(0, 6)}`);
    const unreadOf = async (): Promise<{ unread: number; mentions: number; groupSlug: string }> => {
      const res = await t.http.get('/me/unread').set(reader.auth).expect(200);
      return (
        res.body.items as { channelId: string; unread: number; mentions: number; groupSlug: string }[]
      ).find((c) => c.channelId === channelId)!;
    };
    const readerSocket = await connectAs(t, reader);
    const base = await sendOk(readerSocket, { channelId, clientMessageId: randomUUID(), body: 'mine' });
    await emitAck(readerSocket, 'read', { channelId, seq: base.seq });
    expect(await unreadOf()).toMatchObject({ unread: 0, mentions: 0, groupSlug: cast.group.slug });

    const writer = await connectAs(t, cast.member);
    const m1 = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'one' });
    await sendOk(writer, {
      channelId,
      clientMessageId: randomUUID(),
      body: `two for @${reader.displayName}`,
    });
    const m3 = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'three' });
    await sendOk(readerSocket, { channelId, clientMessageId: randomUUID(), body: 'my own does not count' });
    expect(await unreadOf()).toMatchObject({ unread: 3, mentions: 1 });

    const forward = await emitAck<AckOk>(readerSocket, 'read', { channelId, seq: m1.seq + 1 });
    expect(forward.lastReadSeq).toBe(m1.seq + 1);
    expect(await unreadOf()).toMatchObject({ unread: 1, mentions: 0 });
    const backward = await emitAck<AckOk>(readerSocket, 'read', { channelId, seq: m1.seq });
    expect(backward.lastReadSeq).toBe(m1.seq + 1);
    const beyond = await emitAck<AckOk>(readerSocket, 'read', { channelId, seq: 1_000_000 });
    expect(beyond.lastReadSeq).toBeGreaterThanOrEqual(m3.seq);
    expect(beyond.lastReadSeq).toBeLessThan(1_000_000);
    expect(await unreadOf()).toMatchObject({ unread: 0, mentions: 0 });

    const bad = await emitAck<AckError>(readerSocket, 'read', { channelId, seq: -1 });
    expect(bad.error.status).toBe(422);
    const outsider = await emitAck<AckError>(await connectAs(t, cast.outsider), 'read', {
      channelId,
      seq: 1,
    });
    expect(outsider.error.status).toBe(404);
    const res = await t.http.get('/me/unread').set(cast.outsider.auth).expect(200);
    expect(res.body.items).toEqual([]);
  });

  it('relays typing to the others in the room, at most once per 2 s per user and channel', async () => {
    const a = await connectAs(t, cast.member);
    const b = await connectAs(t, cast.governmentAnchor);
    await joinOk(a, channelId);
    await joinOk(b, channelId);
    const seenByB = collect<{ channelId: string; userId: string }>(b, 'typing');
    const seenByA = collect(a, 'typing');
    const first = await emitAck<AckOk>(a, 'typing', { channelId });
    const second = await emitAck<AckOk>(a, 'typing', { channelId });
    expect([first.relayed, second.relayed]).toEqual([true, false]);
    await until(() => seenByB.length === 1);
    await settle();
    expect(seenByB).toEqual([{ channelId, userId: cast.member.id }]);
    expect(seenByA).toEqual([]);
    const notJoined = await connectAs(t, cast.civilSocietyAnchor);
    const refused = await emitAck<AckError>(notJoined, 'typing', { channelId });
    expect(refused.error.status).toBe(404);
  });

  it('presence: online on the first tab, offline only when the last tab leaves or disconnects', async () => {
    const user = await newMember();
    const watcher = await connectAs(t, cast.civilSocietyAnchor);
    await joinOk(watcher, channelId);
    const presence = collect<{ channelId: string; userId: string; state: string }>(watcher, 'presence');
    const tab1 = await connectAs(t, user);
    const tab2 = await connectAs(t, user);
    const joined = await joinOk(tab1, channelId);
    expect(joined.online).toEqual(expect.arrayContaining([user.id, cast.civilSocietyAnchor.id]));
    await joinOk(tab2, channelId);
    await until(() => presence.some((p) => p.userId === user.id));
    await emitAck(tab1, 'channel:leave', { channelId });
    await settle();
    expect(presence.filter((p) => p.userId === user.id)).toEqual([
      { channelId, userId: user.id, state: 'online' },
    ]);
    tab2.close();
    await until(() => presence.filter((p) => p.userId === user.id).length === 2);
    expect(presence.filter((p) => p.userId === user.id).map((p) => p.state)).toEqual(['online', 'offline']);
  });

  it('membership.ended: the user’s sockets leave the group’s rooms at once and are told; sends re-check the database', async () => {
    const leaver = await newMember();
    const sockets: Socket[] = [await connectAs(t, leaver), await connectAs(t, leaver)];
    for (const s of sockets) await joinOk(s, channelId);
    const revoked = sockets.map((s) => collect<{ groupSlug: string }>(s, 'membership:revoked'));
    const inbox = collect(sockets[0], 'message:new');
    await t
      .em()
      .nativeUpdate(
        Membership,
        { group: cast.group.id, user: leaver.id },
        { status: MembershipStatus.Removed },
      );
    t.app.get(DomainHooks).emitCommitted('membership.ended', {
      groupId: cast.group.id,
      groupSlug: cast.group.slug,
      userId: leaver.id,
      status: 'removed',
    });
    for (const list of revoked) await until(() => list.length === 1);
    expect(revoked[0]).toEqual([{ groupSlug: cast.group.slug }]);
    const writer = await connectAs(t, cast.member);
    const after = await sendOk(writer, { channelId, clientMessageId: randomUUID(), body: 'not for leavers' });
    const watcher = await connectAs(t, cast.governmentAnchor);
    await joinOk(watcher, channelId, after.seq - 1);
    await settle();
    expect(inbox).toEqual([]);
    const send = await emitAck<AckError>(sockets[0], 'message:send', {
      channelId,
      clientMessageId: randomUUID(),
      body: 'still here?',
    });
    expect(send.error.status).toBe(404);
    const rejoin = await emitAck<AckError>(sockets[1], 'channel:join', { channelId });
    expect(rejoin.error.status).toBe(404);
    expect(sockets[0].connected).toBe(true);
  });

  it('re-checks membership on every send even without an event', async () => {
    const quiet = await newMember();
    const socket = await connectAs(t, quiet);
    await joinOk(socket, channelId);
    await t
      .em()
      .nativeUpdate(Membership, { group: cast.group.id, user: quiet.id }, { status: MembershipStatus.Left });
    const ack = await emitAck<AckError>(socket, 'message:send', {
      channelId,
      clientMessageId: 'q',
      body: 'hi',
    });
    expect(ack.error.status).toBe(404);
    expect(await t.em().count(Message, { author: quiet.id })).toBe(0);
  });

  it('user.disabled disconnects that user’s sockets', async () => {
    const user = await newMember();
    const socket = await connectAs(t, user);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await t.em().nativeUpdate(User, { id: user.id }, { disabled: true });
    t.app.get(DomainHooks).emitCommitted('user.disabled', { userId: user.id });
    await gone;
    expect(socket.connected).toBe(false);
  });

  it('rate limit: 1,000 sends in a burst from one socket are mostly refused with 429; others are unaffected', async () => {
    const flooder = await newMember();
    const socket = await connectAs(t, flooder);
    const acks = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        emitAck(socket, 'message:send', { channelId, clientMessageId: `flood-${i}`, body: `flood ${i}` }),
      ),
    );
    const ok = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok && a.error.status === 429).length;
    expect(ok).toBeGreaterThanOrEqual(20);
    expect(ok).toBeLessThan(200);
    expect(ok + limited).toBe(1000);
    const refusal = acks.find((a): a is AckError => !a.ok)!;
    expect(refusal.error).toMatchObject({
      status: 429,
      code: 'rate.limited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(await t.em().count(Message, { author: flooder.id })).toBe(ok);
    expect(socket.connected).toBe(true);
    const other = await connectAs(t, cast.member);
    await sendOk(other, { channelId, clientMessageId: randomUUID(), body: 'still served' });
  });
});
