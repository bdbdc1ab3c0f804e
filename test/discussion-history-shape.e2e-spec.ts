import { randomUUID } from 'node:crypto';
import { AckOk, closeAllSockets, connectAs, emitAck, sendOk, WireMessage } from './factories/discussion';
import { useGroupCast } from './factories/groups';

/**
 * Pins the whole answer of `GET /channels/:id/messages`, byte for byte, against an expectation built here from
 * the stored rows with the rules the entity-based history had (tombstones hide body, mentions and reactions;
 * reactions grouped by emoji in the order each was first used, users in reaction order; key order of MessageDto).
 * Written against that old code before the lean statement replaced it, so the two must give the same text.
 */
describe('discussion: the full shape of a history page', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  afterAll(() => closeAllSockets());

  interface Row {
    id: string;
    channel_id: string;
    seq: number;
    author_id: string;
    display_name: string;
    body: string | null;
    parent_id: string | null;
    mentions: string[];
    client_message_id: string;
    created_at: string;
    edited_at: string | null;
    deleted_at: string | null;
  }

  /** The expected page, from the rows, independently of the service. */
  async function expected(seqs: number[], hasMore: boolean): Promise<string> {
    const conn = t.em().getConnection();
    const rows = await conn.execute<Row[]>(
      `select m.id, m.channel_id, m.seq, m.author_id, u.display_name, m.body, m.parent_id, m.mentions,
              m.client_message_id, m.created_at, m.edited_at, m.deleted_at
         from message m join "user" u on u.id = m.author_id
        where m.channel_id = ? and m.seq = any(?::int[]) order by m.seq`,
      [channelId, `{${seqs.join(',')}}`],
    );
    const reactions = await conn.execute<{ message_id: string; emoji: string; user_id: string }[]>(
      `select r.message_id, r.emoji, r.user_id from message_reaction r
        where r.message_id = any(?::uuid[]) order by r.created_at, r.id`,
      [`{${rows.map((r) => r.id).join(',')}}`],
    );
    const items = rows.map((r) => {
      const summary: { emoji: string; count: number; userIds: string[] }[] = [];
      for (const x of reactions.filter((x) => x.message_id === r.id)) {
        let entry = summary.find((s) => s.emoji === x.emoji);
        if (!entry) summary.push((entry = { emoji: x.emoji, count: 0, userIds: [] }));
        entry.count += 1;
        entry.userIds.push(x.user_id);
      }
      const dead = r.deleted_at !== null;
      return {
        id: r.id,
        channelId: r.channel_id,
        seq: r.seq,
        author: { id: r.author_id, displayName: r.display_name },
        body: dead ? null : r.body,
        parentId: r.parent_id,
        mentions: dead ? [] : r.mentions,
        reactions: dead ? [] : summary,
        clientMessageId: r.client_message_id,
        createdAt: new Date(r.created_at),
        editedAt: r.edited_at === null ? null : new Date(r.edited_at),
        deletedAt: r.deleted_at === null ? null : new Date(r.deleted_at),
      };
    });
    expect(items.map((i) => i.seq)).toEqual(seqs);
    return JSON.stringify({ items, hasMore, nextCursor: null });
  }

  const page = async (query: string, user = cast.observer): Promise<string> =>
    (await t.http.get(`/channels/${channelId}/messages${query}`).set(user.auth).expect(200)).text;

  it('reactions, an edit, a reply, mentions and a tombstone, in every paging direction', async () => {
    const topic = await t.http
      .post(`/working-groups/${cast.group.slug}/channels`)
      .set(cast.governmentAnchor.auth)
      .send({ name: `shape-${randomUUID().slice(0, 8)}` })
      .expect(201);
    channelId = topic.body.id as string;
    const member = await connectAs(t, cast.member);
    const anchor = await connectAs(t, cast.governmentAnchor);
    const civil = await connectAs(t, cast.civilSocietyAnchor);
    const send = (socket: typeof member, body: string, extra: Record<string, unknown> = {}) =>
      sendOk(socket, { channelId, clientMessageId: randomUUID(), body, ...extra });

    const root = await send(member, `hello @${cast.governmentAnchor.displayName}`);
    const reply = await send(civil, 'a reply', { parentId: root.id });
    const doomed = await send(member, 'delete me');
    const plain = await send(anchor, 'plain');
    const last = await send(civil, `last one for @${cast.member.displayName}`);
    expect(root.mentions).toEqual([cast.governmentAnchor.id]);

    expect((await emitAck<AckOk>(member, 'message:edit', { messageId: root.id, body: 'edited' })).ok).toBe(
      true,
    );
    for (const [socket, messageId, emoji] of [
      [member, root.id, '👍'],
      [anchor, root.id, ':tada:'],
      [anchor, root.id, '👍'],
      [civil, root.id, ':tada:'],
      [civil, reply.id, '👀'],
      [anchor, doomed.id, '👍'],
    ] as const) {
      expect((await emitAck<AckOk>(socket, 'reaction:add', { messageId, emoji })).ok).toBe(true);
    }
    expect((await emitAck<AckOk>(member, 'message:delete', { messageId: doomed.id })).ok).toBe(true);

    const all = [root, reply, doomed, plain, last].map((m: WireMessage) => m.seq);
    expect(all).toEqual([1, 2, 3, 4, 5]);
    expect(await page('')).toBe(await expected(all, false));
    expect(await page('?limit=5')).toBe(await expected(all, false));
    expect(await page('?limit=2')).toBe(await expected([4, 5], true));
    expect(await page('?beforeSeq=4&limit=2')).toBe(await expected([2, 3], true));
    expect(await page('?beforeSeq=3&limit=2')).toBe(await expected([1, 2], false));
    expect(await page('?afterSeq=0&limit=2')).toBe(await expected([1, 2], true));
    expect(await page('?afterSeq=3')).toBe(await expected([4, 5], false));
    expect(await page('?afterSeq=5')).toBe(await expected([], false));
    expect(await page('?afterSeq=1&beforeSeq=5')).toBe(await expected([2, 3, 4], false));
    expect(await page('?afterSeq=1&beforeSeq=5&limit=2', cast.member)).toBe(await expected([2, 3], true));

    const body = JSON.parse(await page('')) as { items: WireMessage[] };
    expect(body.items[0]).toMatchObject({ body: 'edited', parentId: null });
    expect(body.items[0].editedAt).not.toBeNull();
    expect(body.items[0].reactions).toEqual([
      { emoji: '👍', count: 2, userIds: [cast.member.id, cast.governmentAnchor.id] },
      { emoji: ':tada:', count: 2, userIds: [cast.governmentAnchor.id, cast.civilSocietyAnchor.id] },
    ]);
    expect(body.items[1]).toMatchObject({ parentId: root.id, editedAt: null });
    expect(body.items[2]).toMatchObject({ body: null, mentions: [], reactions: [] });
    expect(body.items[4].mentions).toEqual([cast.member.id]);
  });

  it('a caller who may not see the channel gets 404, an unknown channel too', async () => {
    await t.http.get(`/channels/${channelId}/messages`).set(cast.outsider.auth).expect(404);
    await t.http.get(`/channels/${randomUUID()}/messages`).set(cast.member.auth).expect(404);
  });
});
