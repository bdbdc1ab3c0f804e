import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { findMentions } from '../src/discussion/mentions';
import { MessagesService } from '../src/discussion/messages.service';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { closeAllSockets, connectAs, joinOk, sendOk, until, WireMessage } from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { holdChannel, newChannel, RATE, statementsSentDuring } from './factories/group-commit';
import { createUser } from './factories/users';

jest.setTimeout(120_000);

/**
 * Mentions are resolved by the send batch's commit statement (decision 0009, "Mentions in the statement"): a
 * batch of messages with mentions costs one statement, not one query per message, and mentions the same users
 * as `findMentions` would.
 */
describe('discussion: mentions resolved inside the batch commit', () => {
  const { t, cast } = useGroupCast(RATE);
  afterEach(() => closeAllSockets());
  const service = (): MessagesService => t.app.get(MessagesService);

  const statementsDuring = (run: () => Promise<void>): Promise<string[]> => statementsSentDuring(run);

  it('a batch of messages with mentions commits in one statement per batch, with the right mentions stored', async () => {
    const tag = randomUUID().slice(0, 6);
    const ann = await createUser(t, { displayName: `Ann ${tag} Lee` });
    const annette = await createUser(t, { displayName: `Ann ${tag}` });
    const gone = await createUser(t, { displayName: `Gone ${tag}` });
    await addMember(t, cast.group, ann);
    await addMember(t, cast.group, annette);
    await addMember(t, cast.group, gone, GroupRole.Member, MembershipStatus.Left);
    const channelId = await newChannel(t, cast);
    const senders = [cast.member, cast.governmentAnchor, cast.civilSocietyAnchor];
    const sockets = await Promise.all(senders.map((u) => connectAs(t, u)));
    // Joining fills each socket's access cache: the sends themselves need no channel read.
    for (const s of sockets) await joinOk(s, channelId);
    const bodies = [
      `hi @ann ${tag} lee`,
      `@Ann ${tag} Lee and @ann ${tag}`,
      `@Ann ${tag}abel is not anyone`,
      `@Gone ${tag} left, @${cast.outsider.displayName} is outside`,
      `plain text`,
      `@ANN ${tag}, @${cast.member.displayName}!`,
    ];
    const perSender = 4;
    const total = senders.length * perSender;
    const batchesBefore = service().commitStats.batches;
    const hold = await holdChannel(t, channelId);
    let acks: WireMessage[] = [];
    const statements = await statementsDuring(async () => {
      // The first send commits alone and waits on the held row; every later one queues into the next batch.
      const first = sendOk(sockets[0], { channelId, clientMessageId: 'first', body: bodies[0] });
      const rest = Array.from({ length: total - 1 }, (_, n) =>
        sendOk(sockets[(n + 1) % senders.length], {
          channelId,
          clientMessageId: `m-${n}`,
          body: bodies[(n + 1) % bodies.length],
        }),
      );
      await until(() => service().queuedSends(channelId) === total - 1, 30_000, 'a full queue');
      await hold.release();
      acks = await Promise.all([first, ...rest]);
    });

    // One commit statement per batch (the first message's, then the queued batch's), none per message; and,
    // since both batches stored mentions, one outbox statement each in the batch's transaction (decision 0016).
    expect(service().commitStats.batches - batchesBefore).toBe(2);
    const commits = statements.filter((s) => s.includes('for update'));
    const outbox = statements.filter((s) => s.includes('insert into notification'));
    expect(commits).toHaveLength(2);
    expect(outbox).toHaveLength(2);
    // Anything else is the live push reading a notification for a mentioned member's open socket, not the send.
    const others = statements.filter((s) => !commits.includes(s) && !outbox.includes(s));
    expect(others.every((s) => /^\s*select /i.test(s))).toBe(true);

    const expected = (body: string): string[] => {
      if (body.includes(`@${cast.member.displayName}`)) return [annette.id, cast.member.id];
      if (body.startsWith('hi')) return [ann.id];
      if (body.startsWith(`@Ann ${tag} Lee`)) return [ann.id, annette.id];
      if (body.startsWith(`@ANN`)) return [annette.id];
      return [];
    };
    for (const ack of acks) {
      expect([...ack.mentions].sort()).toEqual(expected(ack.body!).sort());
    }
    const stored = await t
      .em()
      .execute<{ seq: number; body: string; mentions: string[] }[]>(
        'select seq, body, mentions from message where channel_id = ? order by seq',
        [channelId],
      );
    expect(stored).toHaveLength(total);
    for (const row of stored) expect([...row.mentions].sort()).toEqual(expected(row.body).sort());
    // The trigger keeps message_mention filled (self-mentions excluded), as for a single send.
    const mentionRows = await t
      .em()
      .execute<{ n: string }[]>('select count(*) as n from message_mention where channel_id = ?', [
        channelId,
      ]);
    const authorOf = new Map(acks.map((a) => [a.seq, a.author.id]));
    const want = stored.reduce(
      (sum, row) =>
        sum + new Set(row.mentions).size - (row.mentions.includes(authorOf.get(row.seq)!) ? 1 : 0),
      0,
    );
    expect(Number(mentionRows[0].n)).toBe(want);
    expect(want).toBeGreaterThan(0);
  });

  it('find_mentions (SQL) decides as findMentions (TypeScript) does', async () => {
    const ann = { id: randomUUID(), displayName: 'Ann' };
    const annLee = { id: randomUUID(), displayName: 'Ann Lee' };
    const bob = { id: randomUUID(), displayName: 'Bob' };
    const at = { id: randomUUID(), displayName: 'x @Bob' };
    const twin = { id: randomUUID(), displayName: 'bob' };
    const accent = { id: randomUUID(), displayName: 'Zoë' };
    const all = [ann, annLee, bob, at, twin, accent];
    const cases: [string, { id: string; displayName: string }[]][] = [
      ['thanks @ann lee and @BOB!', [ann, annLee, bob]],
      ['hi @Annabel', [ann]],
      ['@Ann Lee', [ann, annLee]],
      ['@Ann Lee and @Ann', [ann, annLee]],
      ['Ann Lee', [ann, annLee]],
      ['@Ann_x @Ann-x @Ann2 @Annä @Ann. @Ann', [ann]],
      ['@x @Bob and @bob', all],
      ['@zoë, @ZOË and @Zoëx', [accent]],
      ['@Bob@Ann', [ann, bob]],
      ['', [ann]],
      ['@Ann', []],
    ];
    const em = t.app.get(EntityManager).fork();
    for (const [body, candidates] of cases) {
      const [row] = await em.execute<{ found: string[] }[]>('select find_mentions(?, ?::jsonb) as found', [
        body,
        JSON.stringify(candidates.map((c) => ({ id: c.id, name: c.displayName }))),
      ]);
      expect({ body, found: [...row.found] }).toEqual({ body, found: findMentions(body, candidates) });
    }
  });
});
