import { randomUUID } from 'node:crypto';
import { MessagesService } from '../src/discussion/messages.service';
import { Notification } from '../src/notifications/entities/notification.entity';
import {
  Ack,
  AckError,
  AckOk,
  closeAllSockets,
  connectAs,
  emitAck,
  joinOk,
  sendOk,
  until,
} from './factories/discussion';
import { holdChannel, newChannel, RATE, statementsSentDuring } from './factories/group-commit';
import { useGroupCast } from './factories/groups';

/**
 * Mentions and replies in the send path's group commit (decisions 0009 and 0016): a batch's notifications are one
 * outbox statement in the batch's transaction, only for a batch that stored a mention or a reply, and messages the
 * commit statement refuses tell nobody even when their batch-mates do.
 */
describe('notifications: mentions and replies of a send batch', () => {
  const { t, cast } = useGroupCast(RATE);
  afterEach(() => closeAllSockets());
  const service = (): MessagesService => t.app.get(MessagesService);

  const statementsDuring = (run: () => Promise<void>): Promise<string[]> => statementsSentDuring(run);
  const commits = (statements: string[]) => statements.filter((s) => s.includes('for update'));
  const outboxInserts = (statements: string[]) =>
    statements.filter((s) => s.includes('insert into notification'));

  it('one outbox statement for a batch with mentions and replies; refused messages of the batch tell nobody', async () => {
    const channelId = await newChannel(t, cast);
    const [anchor, member, observer] = await Promise.all(
      [cast.governmentAnchor, cast.member, cast.observer].map((u) => connectAs(t, u)),
    );
    for (const s of [anchor, member, observer]) await joinOk(s, channelId);
    const parent = await sendOk(anchor, { channelId, clientMessageId: randomUUID(), body: 'a question' });
    const mention = `@${cast.governmentAnchor.displayName} look`;
    const hold = await holdChannel(t, channelId);
    let results: Ack[] = [];
    const statements = await statementsDuring(async () => {
      // The first send commits alone (plain: no transaction, no outbox); the rest queue into one batch.
      const first = sendOk(member, { channelId, clientMessageId: randomUUID(), body: 'plain first' });
      const rest = [
        emitAck(member, 'message:send', { channelId, clientMessageId: randomUUID(), body: mention }),
        emitAck(observer, 'message:send', { channelId, clientMessageId: randomUUID(), body: mention }),
        emitAck(member, 'message:send', {
          channelId,
          clientMessageId: randomUUID(),
          body: 'yes',
          parentId: parent.id,
        }),
        emitAck(member, 'message:send', { channelId, clientMessageId: randomUUID(), body: 'plain' }),
      ];
      await until(() => service().queuedSends(channelId) === rest.length, 30_000, 'a full queue');
      await hold.release();
      await first;
      results = await Promise.all(rest);
    });
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect((results[1] as AckError).error.status).toBe(403);
    const idOf = (ack: Ack): string => ((ack as AckOk).message as { id: string }).id;
    expect(commits(statements)).toHaveLength(2);
    expect(outboxInserts(statements)).toHaveLength(1);
    const told = await t
      .em()
      .find(Notification, { recipient: cast.governmentAnchor.id, subjectId: { $ne: parent.id } });
    const mine = told.filter((n) => [idOf(results[0]), idOf(results[2])].includes(n.subjectId));
    expect(mine.map((n) => [n.kind, n.subjectId, n.actor?.id]).sort()).toEqual(
      [
        ['mention', idOf(results[0]), cast.member.id],
        ['reply', idOf(results[2]), cast.member.id],
      ].sort(),
    );
    // The observer's refused message was stored nowhere and told nobody.
    expect(told.filter((n) => n.actor?.id === cast.observer.id)).toEqual([]);
  });

  it('a batch with neither @ nor a parent is still the one commit statement, with no outbox statement', async () => {
    const channelId = await newChannel(t, cast);
    const member = await connectAs(t, cast.member);
    await joinOk(member, channelId);
    const total = await t.em().count(Notification, {});
    const statements = await statementsDuring(async () => {
      await sendOk(member, { channelId, clientMessageId: randomUUID(), body: 'no one in particular' });
    });
    expect(statements).toHaveLength(1);
    expect(commits(statements)).toHaveLength(1);
    // An '@' that names nobody takes the transaction path but writes no notification.
    const nobody = await statementsDuring(async () => {
      await sendOk(member, { channelId, clientMessageId: randomUUID(), body: 'mail me @ home' });
    });
    expect(commits(nobody)).toHaveLength(1);
    expect(outboxInserts(nobody)).toHaveLength(0);
    expect(await t.em().count(Notification, {})).toBe(total);
  });
});
