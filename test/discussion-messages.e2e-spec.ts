import { MeetingStatus } from '../src/meetings/meetings.enums';
import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { DomainHooks } from '../src/common/events/hooks';
import { Message } from '../src/discussion/entities/message.entity';
import { MessageReaction } from '../src/discussion/entities/message-reaction.entity';
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
  WireMessage,
} from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';
import { MembershipStatus, GroupRole } from '../src/groups/groups.enums';

describe('discussion: threads, mentions, edits, deletes, reactions', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  let otherChannelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
    const topic = await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.governmentAnchor.auth)
      .send({ name: 'topic' })
      .expect(201);
    otherChannelId = topic.body.id as string;
  });
  afterEach(() => closeAllSockets());

  const post = async (
    body: string,
    user = cast.member,
    extra: Record<string, unknown> = {},
  ): Promise<WireMessage> =>
    sendOk(await connectAs(t, user), { channelId, clientMessageId: randomUUID(), body, ...extra });

  it('threads: a reply names a parent of the same channel; another channel or an unknown id is refused', async () => {
    const parent = await post('root');
    const reply = await post('reply', cast.civilSocietyAnchor, { parentId: parent.id });
    expect(reply.parentId).toBe(parent.id);
    const socket = await connectAs(t, cast.member);
    const elsewhere = await sendOk(socket, {
      channelId: otherChannelId,
      clientMessageId: randomUUID(),
      body: 'x',
    });
    for (const parentId of [elsewhere.id, randomUUID()]) {
      const ack = await emitAck<AckError>(socket, 'message:send', {
        channelId,
        clientMessageId: `bad-parent-${parentId}`,
        body: 'reply',
        parentId,
      });
      expect(ack.error).toMatchObject({
        status: 422,
        errors: [expect.objectContaining({ path: 'parentId' })],
      });
    }
    expect(await t.em().count(Message, { clientMessageId: { $like: 'bad-parent-%' } })).toBe(0);
  });

  it('mentions: @displayName tokens resolve to active members of the group only', async () => {
    const ann = await createUser(t, { displayName: 'Ann Lee' });
    const annette = await createUser(t, { displayName: 'Ann' });
    const gone = await createUser(t, { displayName: 'Former Member' });
    await addMember(t, cast.group, ann);
    await addMember(t, cast.group, annette);
    await addMember(t, cast.group, gone, GroupRole.Member, MembershipStatus.Left);
    const m = await post(
      `hi @ann lee, @Ann and @Former Member and @${cast.outsider.displayName} and @Annabel`,
    );
    expect([...m.mentions].sort()).toEqual([ann.id, annette.id].sort());
    const stored = await t.em().findOneOrFail(Message, { id: m.id });
    expect([...stored.mentions].sort()).toEqual([ann.id, annette.id].sort());
  });

  it('edit: author only, keeps history, sets editedAt, broadcasts message:updated; others get 403', async () => {
    const original = await post('first version');
    const watcher = await connectAs(t, cast.observer);
    await joinOk(watcher, channelId);
    const updates = collect<WireMessage>(watcher, 'message:updated');
    const author = await connectAs(t, cast.member);
    const ack = await emitAck<AckOk>(author, 'message:edit', {
      messageId: original.id,
      body: 'second version',
    });
    expect(ack.ok).toBe(true);
    const edited = ack.message as WireMessage;
    expect(edited).toMatchObject({ id: original.id, seq: original.seq, body: 'second version' });
    expect(edited.editedAt).not.toBeNull();
    await until(() => updates.some((m) => m.id === original.id));
    const stored = await t.em().findOneOrFail(Message, { id: original.id });
    expect(stored.edits).toEqual([{ body: 'first version', editedAt: expect.any(String) }]);

    for (const other of [cast.governmentAnchor, cast.observer]) {
      const refused = await emitAck<AckError>(await connectAs(t, other), 'message:edit', {
        messageId: original.id,
        body: 'hijacked',
      });
      expect(refused.error.status).toBe(403);
    }
    const outsider = await emitAck<AckError>(await connectAs(t, cast.outsider), 'message:edit', {
      messageId: original.id,
      body: 'hijacked',
    });
    expect(outsider.error.status).toBe(404);
    const tooLong = await emitAck<AckError>(author, 'message:edit', {
      messageId: original.id,
      body: 'x'.repeat(10_001),
    });
    expect(tooLong.error.status).toBe(422);
    expect((await t.em().findOneOrFail(Message, { id: original.id })).body).toBe('second version');
  });

  it('delete: a tombstone keeps id and seq; author delete is not audited, an anchor delete is', async () => {
    const mine = await post('delete me');
    const watcher = await connectAs(t, cast.observer);
    await joinOk(watcher, channelId);
    const deletions = collect<WireMessage>(watcher, 'message:deleted');
    const ack = await emitAck<AckOk>(await connectAs(t, cast.member), 'message:delete', {
      messageId: mine.id,
    });
    expect(ack.message).toMatchObject({
      id: mine.id,
      seq: mine.seq,
      body: null,
      mentions: [],
      reactions: [],
    });
    expect((ack.message as WireMessage).deletedAt).not.toBeNull();
    await until(() => deletions.some((m) => m.id === mine.id));
    expect(await t.em().count(AuditEvent, { entityId: mine.id })).toBe(0);

    const theirs = await post('moderate me', cast.civilSocietyAnchor);
    const refused = await emitAck<AckError>(await connectAs(t, cast.member), 'message:delete', {
      messageId: theirs.id,
    });
    expect(refused.error.status).toBe(403);
    const moderated = await emitAck<AckOk>(await connectAs(t, cast.governmentAnchor), 'message:delete', {
      messageId: theirs.id,
    });
    expect(moderated.ok).toBe(true);
    const audit = await t.em().find(AuditEvent, { entityId: theirs.id });
    expect(audit.map((e) => e.action)).toEqual(['message.deleted']);
    const history = await t.http
      .get(`/channels/${channelId}/messages?afterSeq=${theirs.seq - 1}&limit=1`)
      .set(cast.member.auth);
    expect(history.body.items[0]).toMatchObject({ id: theirs.id, seq: theirs.seq, body: null });
    const editDeleted = await emitAck<AckError>(await connectAs(t, cast.civilSocietyAnchor), 'message:edit', {
      messageId: theirs.id,
      body: 'revive',
    });
    expect(editDeleted.error.status).toBe(409);
  });

  it('reactions: add/remove are idempotent per user and emoji, counted, broadcast; observers refused', async () => {
    const m = await post('react to me');
    const watcher = await connectAs(t, cast.observer);
    await joinOk(watcher, channelId);
    const updates = collect<{ messageId: string; reactions: WireMessage['reactions'] }>(
      watcher,
      'reaction:updated',
    );
    const a = await connectAs(t, cast.member);
    const b = await connectAs(t, cast.governmentAnchor);
    await emitAck(a, 'reaction:add', { messageId: m.id, emoji: '👍' });
    await emitAck(a, 'reaction:add', { messageId: m.id, emoji: '👍' });
    const last = await emitAck<AckOk>(b, 'reaction:add', { messageId: m.id, emoji: '👍' });
    expect(last.reactions).toEqual([
      { emoji: '👍', count: 2, userIds: [cast.member.id, cast.governmentAnchor.id] },
    ]);
    await emitAck(b, 'reaction:add', { messageId: m.id, emoji: ':tada:' });
    const removed = await emitAck<AckOk>(a, 'reaction:remove', { messageId: m.id, emoji: '👍' });
    expect(removed.reactions).toEqual([
      { emoji: '👍', count: 1, userIds: [cast.governmentAnchor.id] },
      { emoji: ':tada:', count: 1, userIds: [cast.governmentAnchor.id] },
    ]);
    await until(() => updates.length >= 4);
    expect(updates.every((u) => u.messageId === m.id)).toBe(true);
    const history = await t.http
      .get(`/channels/${channelId}/messages?afterSeq=${m.seq - 1}&limit=1`)
      .set(cast.member.auth);
    expect(history.body.items[0].reactions).toHaveLength(2);

    const observer = await emitAck<AckError>(watcher, 'reaction:add', { messageId: m.id, emoji: '👀' });
    expect(observer.error.status).toBe(403);
    for (const emoji of ['', 'x'.repeat(33), 5]) {
      const bad = await emitAck<AckError>(a, 'reaction:add', { messageId: m.id, emoji });
      expect(bad.error.status).toBe(422);
    }
    expect(await t.em().count(MessageReaction, { message: m.id })).toBe(2);
  });

  it('a meeting channel accepts posts until its meeting concludes, then stays readable but read-only (403)', async () => {
    const hooks = t.app.get(DomainHooks);
    const meetingId = randomUUID();
    await t.em().transactional((em) =>
      hooks.runInTransaction('meeting.created', em, {
        meetingId,
        groupId: cast.group.id,
        title: 'Live session',
        status: MeetingStatus.Live,
        actorId: null,
      }),
    );
    const list = await t.http
      .get(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.member.auth)
      .expect(200);
    const meeting = (list.body.items as { id: string; meetingId?: string }[]).find(
      (c) => c.meetingId === meetingId,
    )!;
    const socket = await connectAs(t, cast.member);
    await sendOk(socket, { channelId: meeting.id, clientMessageId: 'live-1', body: 'during the session' });
    await t.em().transactional((em) =>
      hooks.runInTransaction('meeting.status_changed', em, {
        meetingId,
        groupId: cast.group.id,
        status: MeetingStatus.Concluded,
        previousStatus: MeetingStatus.Live,
        reason: null,
        actorId: null,
      }),
    );
    const refused = await emitAck<AckError>(socket, 'message:send', {
      channelId: meeting.id,
      clientMessageId: 'after-1',
      body: 'too late',
    });
    expect(refused.error).toMatchObject({ status: 403, code: 'channel.read_only' });
    const joined = await joinOk(socket, meeting.id, 0);
    expect(joined.missed.map((m) => m.body)).toEqual(['during the session']);
    expect(joined.channel).toMatchObject({ kind: 'meeting', meetingId, readOnly: true });
  });
});
