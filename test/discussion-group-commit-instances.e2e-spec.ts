import { Message } from '../src/discussion/entities/message.entity';
import { MessagesService } from '../src/discussion/messages.service';
import {
  closeAllSockets,
  collect,
  connectAs,
  joinOk,
  sendOk,
  WireMessage,
  until,
} from './factories/discussion';
import { createGroupCast, GroupCast } from './factories/groups';
import {
  ascending,
  fireAll,
  holdChannel,
  newChannel,
  newMembers,
  range,
  RATE,
} from './factories/group-commit';
import { waitersOn } from './support/locks';
import { useTwoInstances } from './support/two-instances';

jest.setTimeout(120_000);

describe('discussion: group commit across two instances', () => {
  const { a, b } = useTwoInstances(RATE);
  let cast: GroupCast;
  beforeAll(async () => {
    cast = await createGroupCast(a);
  });
  afterEach(() => closeAllSockets());

  it('senders on both instances into one channel: seqs 1..N exactly once, each sender in its own order', async () => {
    const channelId = await newChannel(a, cast);
    const senders = await newMembers(a, cast, 6);
    const sockets = await Promise.all(senders.map((u, i) => connectAs(i % 2 === 0 ? a : b, u)));
    const listeners = [await connectAs(a, cast.observer), await connectAs(b, cast.member)];
    for (const s of [...sockets, ...listeners]) await joinOk(s, channelId);
    const inboxes = listeners.map((s) => collect<WireMessage>(s, 'message:new'));

    const { acks, ackOrder } = await fireAll(sockets, channelId, 30);

    const total = 6 * 30;
    expect(
      acks
        .flat()
        .map((m) => m.seq)
        .sort((x, y) => x - y),
    ).toEqual(range(total));
    for (let i = 0; i < 6; i += 1) expect(ascending(ackOrder[i])).toBe(true);
    for (const inbox of inboxes) {
      await until(() => inbox.length >= total, 60_000, `${total} broadcasts`);
      // Across instances the wire order may interleave by a few positions; every seq arrives once.
      expect(inbox.map((m) => m.seq).sort((x, y) => x - y)).toEqual(range(total));
    }
    const rows = await a.em().find(Message, { channel: channelId }, { orderBy: { seq: 'asc' } });
    expect(rows.map((m) => m.seq)).toEqual(range(total));
    const stats = [a, b].map((app) => app.app.get(MessagesService).commitStats);
    expect(stats.every((s) => s.items > 0)).toBe(true);
  });

  it('the same key sent through both instances while both wait on the row lock: one message, no seq lost', async () => {
    const channelId = await newChannel(a, cast);
    const [author] = await newMembers(a, cast, 1);
    const onA = await connectAs(a, author);
    const onB = await connectAs(b, author);
    const retries = (): number =>
      [a, b].reduce((sum, app) => sum + app.app.get(MessagesService).commitStats.keyRaceRetries, 0);
    const retriesBefore = retries();
    const { holder, release } = await holdChannel(a, channelId);
    const viaA = sendOk(onA, { channelId, clientMessageId: 'same', body: 'via a' });
    const viaB = sendOk(onB, { channelId, clientMessageId: 'same', body: 'via b' });
    // Both statements started (their snapshots see no such key yet) and wait on the channel row.
    await waitersOn(holder, 2);
    await release();
    const [x, y] = await Promise.all([viaA, viaB]);
    expect(x).toEqual(y);
    expect(x.seq).toBe(1);
    // The second statement hit the unique index (its snapshot predates the first commit) and ran again.
    expect(retries() - retriesBefore).toBe(1);
    expect(await a.em().count(Message, { channel: channelId })).toBe(1);
    const next = await sendOk(onB, { channelId, clientMessageId: 'next', body: 'next' });
    expect(next.seq).toBe(2);
  });
});
