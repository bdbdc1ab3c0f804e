import { randomUUID } from 'node:crypto';
import { AckOk, closeAllSockets, connectAs, emitAck, generalChannelId, sendOk } from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser } from './factories/users';

/**
 * `GET /me/unread` counts from `last_seq` minus the read marker, corrected by tombstones and the caller's own
 * messages, and mentions from `message_mention` (kept by triggers on `message`): these pin that deletes and
 * edits change the counts exactly as the former scan of `message` did.
 */
describe('discussion: unread and mention counts stay exact through deletes and edits', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
  });
  afterEach(() => closeAllSockets());

  it('a tombstone leaves the unread count, an edit re-resolves mentions, own messages never count', async () => {
    const reader = await createUser(t, { displayName: `Reader ${randomUUID().slice(0, 6)}` });
    await addMember(t, cast.group, reader);
    const counts = async (): Promise<{ unread: number; mentions: number }> => {
      const res = await t.http.get('/me/unread').set(reader.auth).expect(200);
      const item = (res.body.items as { channelId: string; unread: number; mentions: number }[]).find(
        (c) => c.channelId === channelId,
      )!;
      return { unread: item.unread, mentions: item.mentions };
    };
    const readerSocket = await connectAs(t, reader);
    const base = await sendOk(readerSocket, { channelId, clientMessageId: randomUUID(), body: 'start' });
    await emitAck(readerSocket, 'read', { channelId, seq: base.seq });
    expect(await counts()).toEqual({ unread: 0, mentions: 0 });

    const writer = await connectAs(t, cast.member);
    const send = (socketBody: string, socket = writer) =>
      sendOk(socket, { channelId, clientMessageId: randomUUID(), body: socketBody });
    const m1 = await send(`hello @${reader.displayName}`);
    const m2 = await send('plain');
    const m3 = await send(`again @${reader.displayName}`);
    await send(`I name myself @${reader.displayName}`, readerSocket);
    expect(await counts()).toEqual({ unread: 3, mentions: 2 });

    await emitAck<AckOk>(writer, 'message:delete', { messageId: m2.id });
    expect(await counts()).toEqual({ unread: 2, mentions: 2 });

    await emitAck<AckOk>(writer, 'message:edit', { messageId: m3.id, body: 'no mention any more' });
    expect(await counts()).toEqual({ unread: 2, mentions: 1 });
    await emitAck<AckOk>(writer, 'message:edit', { messageId: m3.id, body: `back @${reader.displayName}` });
    expect(await counts()).toEqual({ unread: 2, mentions: 2 });

    await emitAck<AckOk>(writer, 'message:delete', { messageId: m1.id });
    expect(await counts()).toEqual({ unread: 1, mentions: 1 });

    const last = await send('after the deletes');
    await emitAck(readerSocket, 'read', { channelId, seq: m3.seq });
    expect(await counts()).toEqual({ unread: 1, mentions: 0 });
    await emitAck(readerSocket, 'read', { channelId, seq: last.seq });
    expect(await counts()).toEqual({ unread: 0, mentions: 0 });
  });
});
