import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DomainHooks } from '../src/common/events/hooks';
import { Message } from '../src/discussion/entities/message.entity';
import { MessagesService } from '../src/discussion/messages.service';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import {
  AckError,
  closeAllSockets,
  collect,
  connectAs,
  emitAck,
  joinOk,
  sendOk,
  until,
  WireMessage,
} from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import {
  ascending,
  fireAll,
  holdChannel,
  newChannel,
  newMembers,
  range,
  RATE,
} from './factories/group-commit';
import { createUser } from './factories/users';
import { waitersOn } from './support/locks';

jest.setTimeout(120_000);

describe('discussion: group commit on the send path (one instance)', () => {
  const { t, cast } = useGroupCast(RATE);
  afterEach(() => closeAllSockets());
  const service = (): MessagesService => t.app.get(MessagesService);

  it('N concurrent senders: seqs 1..N exactly once, acks and broadcasts in seq order, commits of several messages', async () => {
    const channelId = await newChannel(t, cast);
    const senders = await newMembers(t, cast, 8);
    const sockets = await Promise.all(senders.map((u) => connectAs(t, u)));
    const listeners = [await connectAs(t, cast.observer), await connectAs(t, cast.member)];
    for (const s of [...sockets, ...listeners]) await joinOk(s, channelId);
    const inboxes = [...sockets, ...listeners].map((s) => collect<WireMessage>(s, 'message:new'));
    const before = service().commitStats;

    const { acks, ackOrder } = await fireAll(sockets, channelId, 25);

    const total = 8 * 25;
    expect(
      acks
        .flat()
        .map((m) => m.seq)
        .sort((a, b) => a - b),
    ).toEqual(range(total));
    for (let i = 0; i < 8; i += 1) {
      // Acks reach each sender in seq order, and its messages got seqs in the order it sent them.
      expect(ascending(ackOrder[i])).toBe(true);
      expect(acks[i].map((m) => m.seq)).toEqual([...ackOrder[i]]);
      expect(acks[i].map((m) => m.author)).toEqual(
        acks[i].map(() => ({ id: senders[i].id, displayName: senders[i].displayName })),
      );
    }
    for (const inbox of inboxes) {
      await until(() => inbox.length >= total, 60_000, `${total} broadcasts`);
      expect(inbox.map((m) => m.seq)).toEqual(range(total));
    }
    expect(await t.em().count(Message, { channel: channelId })).toBe(total);
    const [{ last_seq }] = await t
      .em()
      .execute<{ last_seq: number }[]>('select last_seq from channel where id = ?', [channelId]);
    expect(last_seq).toBe(total);

    // Fewer commits than messages, and the database shows it too: one batch's rows share their created_at.
    const after = service().commitStats;
    expect(after.items - before.items).toBe(total);
    expect(after.batches - before.batches).toBeLessThan(total);
    expect(after.largestBatch).toBeGreaterThan(1);
    const shared = await t
      .em()
      .execute<{ n: string }[]>(
        `select count(*) as n from message where channel_id = ? group by created_at having count(*) > 1`,
        [channelId],
      );
    expect(shared.length).toBeGreaterThan(0);
  });

  it('a batch in which one author was just removed: that message fails with 404 alone, the others commit gap-free', async () => {
    const channelId = await newChannel(t, cast);
    const [first, a, b, leaver] = await newMembers(t, cast, 4);
    const [sFirst, sA, sB, sLeaver] = await Promise.all([first, a, b, leaver].map((u) => connectAs(t, u)));
    // Each socket has seen the channel (its per-socket cache says yes): only the commit statement can refuse.
    for (const s of [sFirst, sA, sB, sLeaver]) await joinOk(s, channelId);
    const watcher = await connectAs(t, cast.observer);
    await joinOk(watcher, channelId);
    const inbox = collect<WireMessage>(watcher, 'message:new');

    const { holder, release } = await holdChannel(t, channelId);
    const batches = service().commitStats.batches;
    const alone = sendOk(sFirst, { channelId, clientMessageId: 'first', body: 'first, alone' });
    await waitersOn(holder, 1);
    const sends = [
      emitAck(sA, 'message:send', { channelId, clientMessageId: 'a', body: 'from a' }),
      emitAck<AckError>(sLeaver, 'message:send', {
        channelId,
        clientMessageId: 'l',
        body: 'from the leaver',
      }),
      emitAck(sB, 'message:send', { channelId, clientMessageId: 'b', body: 'from b' }),
    ];
    await until(() => service().queuedSends(channelId) === 3, 15_000, 'three sends queued');
    await t
      .em()
      .nativeUpdate(
        Membership,
        { group: cast.group.id, user: leaver.id },
        { status: MembershipStatus.Removed },
      );
    await release();

    expect((await alone).seq).toBe(1);
    const [ackA, ackLeaver, ackB] = await Promise.all(sends);
    expect(ackLeaver).toMatchObject({ ok: false, error: { status: 404, title: 'Not Found' } });
    expect([ackA, ackB].map((ack) => (ack.ok ? (ack.message as WireMessage).seq : null))).toEqual([2, 3]);
    expect(service().commitStats.batches - batches).toBe(2);
    expect(await t.em().count(Message, { author: leaver.id })).toBe(0);
    await until(() => inbox.length >= 3);
    expect(inbox.map((m) => [m.seq, m.body])).toEqual([
      [1, 'first, alone'],
      [2, 'from a'],
      [3, 'from b'],
    ]);
    // The refused message used no seq: the next one follows on.
    expect((await sendOk(sA, { channelId, clientMessageId: 'a2', body: 'next' })).seq).toBe(4);
  });

  it('a removal committed while the batch waits on its author’s membership row: only that message fails', async () => {
    const channelId = await newChannel(t, cast);
    const [first, a, b, leaver] = await newMembers(t, cast, 4);
    const [sFirst, sA, sB, sLeaver] = await Promise.all([first, a, b, leaver].map((u) => connectAs(t, u)));
    for (const s of [sFirst, sA, sB, sLeaver]) await joinOk(s, channelId);
    // Plays the removal's transaction: it holds the leaver's membership row and has not committed yet.
    const removal = new Client({ connectionString: t.databaseUrl });
    await removal.connect();
    await removal.query('begin');
    await removal.query('select id from membership where group_id = $1 and user_id = $2 for update', [
      cast.group.id,
      leaver.id,
    ]);
    const channel = await holdChannel(t, channelId);
    const alone = sendOk(sFirst, { channelId, clientMessageId: 'first', body: 'first, alone' });
    await waitersOn(channel.holder, 1);
    const sends = [
      emitAck(sA, 'message:send', { channelId, clientMessageId: 'a', body: 'from a' }),
      emitAck<AckError>(sLeaver, 'message:send', {
        channelId,
        clientMessageId: 'l',
        body: 'from the leaver',
      }),
      emitAck(sB, 'message:send', { channelId, clientMessageId: 'b', body: 'from b' }),
    ];
    await until(() => service().queuedSends(channelId) === 3, 15_000, 'three sends queued');
    await channel.release();
    expect((await alone).seq).toBe(1);
    // The batch holds the channel row and waits FOR SHARE on the leaver's membership.
    await waitersOn(removal, 1);
    await removal.query('update membership set status = $1 where group_id = $2 and user_id = $3', [
      MembershipStatus.Removed,
      cast.group.id,
      leaver.id,
    ]);
    await removal.query('commit');
    await removal.end();
    const [ackA, ackLeaver, ackB] = await Promise.all(sends);
    expect(ackLeaver).toMatchObject({ ok: false, error: { status: 404 } });
    expect([ackA, ackB].map((ack) => (ack.ok ? (ack.message as WireMessage).seq : null))).toEqual([2, 3]);
    expect(await t.em().count(Message, { author: leaver.id })).toBe(0);
    expect((await sendOk(sA, { channelId, clientMessageId: 'a2', body: 'next' })).seq).toBe(4);
  });

  it('a retry with the same clientMessageId inside one batch and in a later batch returns the first message', async () => {
    const channelId = await newChannel(t, cast);
    const [first, author, other] = await newMembers(t, cast, 3);
    const sFirst = await connectAs(t, first);
    const tabs = [await connectAs(t, author), await connectAs(t, author)];
    const sOther = await connectAs(t, other);
    const watcher = await connectAs(t, cast.observer);
    await joinOk(watcher, channelId);
    const inbox = collect<WireMessage>(watcher, 'message:new');

    const { holder, release } = await holdChannel(t, channelId);
    const alone = sendOk(sFirst, { channelId, clientMessageId: 'k', body: 'someone else, same key' });
    await waitersOn(holder, 1);
    const inBatch = [
      sendOk(tabs[0], { channelId, clientMessageId: 'k', body: 'the first' }),
      sendOk(tabs[1], { channelId, clientMessageId: 'k', body: 'the retry' }),
      sendOk(sOther, { channelId, clientMessageId: 'k', body: 'another author' }),
      sendOk(tabs[0], { channelId, clientMessageId: 'k', body: 'the retry again' }),
    ];
    await until(() => service().queuedSends(channelId) === 4, 15_000, 'four sends queued');
    await release();
    await alone;
    const [mine, retry, theirs, again] = await Promise.all(inBatch);
    expect(mine).toMatchObject({ seq: 2, body: 'the first', author: { id: author.id } });
    expect(retry).toEqual(mine);
    expect(again).toEqual(mine);
    expect(theirs).toMatchObject({ seq: 3, body: 'another author', author: { id: other.id } });

    // A later batch: the stored first message (as history shows it) comes back; nothing new is broadcast.
    const later = await sendOk(tabs[1], { channelId, clientMessageId: 'k', body: 'much later' });
    expect(later).toMatchObject({ id: mine.id, seq: 2, body: 'the first' });
    const marker = await sendOk(sOther, { channelId, clientMessageId: 'marker', body: 'marker' });
    expect(marker.seq).toBe(4);
    await until(() => inbox.some((m) => m.id === marker.id));
    expect(inbox.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(await t.em().count(Message, { channel: channelId, author: author.id })).toBe(1);
  });

  it('refuses per message what the statement checks: observer 403, foreign parent 422, read-only 403', async () => {
    const channelId = await newChannel(t, cast);
    const otherChannel = await newChannel(t, cast);
    const [first, poster] = await newMembers(t, cast, 2);
    const sFirst = await connectAs(t, first);
    const sPoster = await connectAs(t, poster);
    const sObserver = await connectAs(t, cast.observer);
    const elsewhere = await sendOk(sPoster, { channelId: otherChannel, clientMessageId: 'x', body: 'x' });

    const { holder, release } = await holdChannel(t, channelId);
    const alone = sendOk(sFirst, { channelId, clientMessageId: 'first', body: 'first' });
    await waitersOn(holder, 1);
    const sends = [
      emitAck<AckError>(sObserver, 'message:send', { channelId, clientMessageId: 'o', body: 'observer' }),
      emitAck<AckError>(sPoster, 'message:send', {
        channelId,
        clientMessageId: 'p',
        body: 'reply elsewhere',
        parentId: elsewhere.id,
      }),
      emitAck(sPoster, 'message:send', { channelId, clientMessageId: 'ok', body: 'fine' }),
    ];
    await until(() => service().queuedSends(channelId) === 3, 15_000, 'three sends queued');
    await release();
    await alone;
    const [observer, badParent, fine] = await Promise.all(sends);
    expect(observer.error).toMatchObject({ status: 403, title: 'Forbidden' });
    expect(badParent.error).toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ path: 'parentId' })],
    });
    expect(fine).toMatchObject({ ok: true, message: { seq: 2, body: 'fine' } });

    await t.em().execute('update channel set read_only = true where id = ?', [channelId]);
    const readOnly = await emitAck<AckError>(sPoster, 'message:send', {
      channelId,
      clientMessageId: 'ro',
      body: 'too late',
    });
    expect(readOnly.error).toMatchObject({ status: 403, code: 'channel.read_only' });
    // A retry of a message stored before the channel closed still answers with it.
    const retried = await sendOk(sPoster, { channelId, clientMessageId: 'ok', body: 'fine' });
    expect(retried.seq).toBe(2);
  });

  it('a stale socket cache never shows more: an anchor demoted while joined to a draft meeting channel gets 404', async () => {
    const anchor = await createUser(t);
    await addMember(t, cast.group, anchor, GroupRole.Anchor);
    const meetingId = randomUUID();
    const hooks = t.app.get(DomainHooks);
    await t.em().transactional((em) =>
      hooks.runInTransaction('meeting.created', em, {
        meetingId,
        groupId: cast.group.id,
        title: 'Draft session',
        status: MeetingStatus.Draft,
        actorId: null,
      }),
    );
    const list = await t.http.get(`/working-groups/${cast.group.slug}/channels`).set(anchor.auth).expect(200);
    const draft = (list.body.items as { id: string; meetingId?: string }[]).find(
      (c) => c.meetingId === meetingId,
    )!;
    const socket = await connectAs(t, anchor);
    await joinOk(socket, draft.id); // the socket's cache now says: readable
    const send = (): Promise<AckError> =>
      emitAck<AckError>(socket, 'message:send', {
        channelId: draft.id,
        clientMessageId: randomUUID(),
        body: 'hi',
      });
    expect((await send()).error).toMatchObject({ status: 403, code: 'channel.read_only' });
    await t
      .em()
      .nativeUpdate(Membership, { group: cast.group.id, user: anchor.id }, { role: GroupRole.Member });
    // The commit statement applies the visibility rule itself: hidden (404), not merely read-only (403).
    expect((await send()).error).toMatchObject({ status: 404 });
    const fresh = await connectAs(t, anchor);
    const ack = await emitAck<AckError>(fresh, 'message:send', {
      channelId: draft.id,
      clientMessageId: randomUUID(),
      body: 'hi',
    });
    expect(ack.error).toMatchObject({ status: 404 });
  });
});
