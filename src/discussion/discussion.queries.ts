import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { SqlFragment } from '../common/sql';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { ChannelKind } from './discussion.enums';
import { Channel } from './entities/channel.entity';

/**
 * The discussion context's hand-written SQL. Values are always parameters (enum values included); rules restated
 * here from TypeScript name their twin and are pinned by a test that both agree.
 */

/**
 * SQL twin of `loadChannelAccess` (channel-access.ts) for a channel `channel` and the caller's membership row
 * `membership` in its group: active members only, and a restricted (draft meeting's) channel only for those who
 * `seesDrafts` (meeting-access.ts: anchors and stewards). Kept equal by test/sql-visibility-twins.e2e-spec.ts.
 */
export function channelReadableSql(channel: string, membership: string, isSteward: boolean): SqlFragment {
  return {
    sql: `${membership}.status = ? and (not ${channel}.restricted or ${membership}.role = ? or ?::boolean)`,
    params: [MembershipStatus.Active, GroupRole.Anchor, isSteward],
  };
}

/** Channels list in this order: the general channel, then topics, then meetings' channels; oldest first within each. */
export const CHANNEL_KIND_ORDER: readonly ChannelKind[] = [
  ChannelKind.General,
  ChannelKind.Topic,
  ChannelKind.Meeting,
];

/** Where a page of a group's channels starts: after this (kind rank, creation instant, id). */
export interface ChannelPosition {
  rank: number;
  createdAt: string;
  id: string;
}

/**
 * One page (`limit` rows) of a group's channels in CHANNEL_KIND_ORDER, after `after`; restricted (draft meetings')
 * channels only when `withRestricted` (the caller `seesDrafts`). The rank is computed in SQL so the keyset can
 * compare whole positions (the `channel_kind` enum's own order is a different one).
 */
export async function selectChannelPage(
  em: EntityManager,
  groupId: string,
  withRestricted: boolean,
  after: ChannelPosition | undefined,
  limit: number,
): Promise<{ channel: Channel; rank: number }[]> {
  const rank = `case c.kind when ? then 0 when ? then 1 else 2 end`;
  const rows = await em.execute<(Record<string, unknown> & { kind_rank: number })[]>(
    `select c.*, ${rank} as kind_rank
     from channel c
     where c.group_id = ? and (?::boolean or not c.restricted)
       and (?::int is null or (${rank}, c.created_at, c.id) > (?::int, ?::timestamptz, ?::uuid))
     order by kind_rank, c.created_at, c.id
     limit ?`,
    [
      ...CHANNEL_KIND_ORDER.slice(0, 2),
      groupId,
      withRestricted,
      after?.rank ?? null,
      ...CHANNEL_KIND_ORDER.slice(0, 2),
      after?.rank ?? null,
      after?.createdAt ?? null,
      after?.id ?? null,
      limit,
    ],
  );
  return rows.map(({ kind_rank, ...row }) => ({ channel: em.map(Channel, row), rank: Number(kind_rank) }));
}

export interface UnreadRow {
  channel_id: string;
  channel_name: string;
  group_slug: string;
  group_name: string;
  unread: number;
  mentions: number;
}

/** The SQL of `unreadCounts`, exported so `npm run bench` can run the very same statement with `pg`. */
export function unreadCountsSql(userId: string, isSteward: boolean): SqlFragment {
  const readable = channelReadableSql('c', 'ms', isSteward);
  return {
    sql: `with mine as (
       select c.id, c.name, c.created_at, c.last_seq, g.slug as group_slug, g.name as group_name,
         coalesce(r.last_read_seq, 0) as marker
       from channel c
       join working_group g on g.id = c.group_id
       join membership ms on ms.group_id = c.group_id and ms.user_id = ? and ${readable.sql}
       left join read_marker r on r.channel_id = c.id and r.user_id = ?
     )
     select mine.id as channel_id, mine.name as channel_name, mine.group_slug, mine.group_name,
       greatest(mine.last_seq - mine.marker, 0) - own.n - gone.n as unread,
       (select count(*) from message_mention mm
         where mm.user_id = ? and mm.channel_id = mine.id and mm.seq > mine.marker) as mentions
     from mine
     cross join lateral (
       select count(*) as n from message m
       where m.author_id = ? and m.channel_id = mine.id and m.seq > mine.marker and m.deleted_at is null
     ) own
     cross join lateral (
       select count(*) as n from message m
       where m.channel_id = mine.id and m.seq > mine.marker and m.deleted_at is not null
     ) gone
     order by mine.group_slug, mine.created_at, mine.id`,
    params: [userId, ...readable.params, userId, userId, userId],
  };
}

/**
 * Per readable channel of the caller's groups: messages by others after the read marker, and mentions.
 *
 * Never a scan of `message` (issue 15): committed seqs have no gaps (DESIGN.md), so the messages after the marker
 * are `last_seq - marker`; from them we subtract the tombstones (partial index `message_deleted_channel_seq`,
 * bounded by deletions after the marker) and the caller's own live messages (`message_author_channel_seq`,
 * bounded by what the caller wrote after the marker). Mentions are counted in `message_mention` (user, channel,
 * seq), bounded by the caller's mentions after the marker. See docs/performance.md for the trade-off.
 */
export async function unreadCounts(
  em: EntityManager,
  userId: string,
  isSteward: boolean,
): Promise<UnreadRow[]> {
  const query = unreadCountsSql(userId, isSteward);
  const rows = await em.execute<
    {
      channel_id: string;
      channel_name: string;
      group_slug: string;
      group_name: string;
      unread: string;
      mentions: string;
    }[]
  >(query.sql, query.params);
  return rows.map((r) => ({ ...r, unread: Number(r.unread), mentions: Number(r.mentions) }));
}

/**
 * Moves the caller's marker forward only (GREATEST), and never past the channel's last committed seq, so two
 * tabs reporting out of order cannot move it back. Answers the marker as stored.
 */
export async function advanceReadMarker(
  em: EntityManager,
  userId: string,
  channelId: string,
  seq: number,
): Promise<number> {
  const [row] = await em.execute<{ last_read_seq: number }[]>(
    `insert into read_marker (id, user_id, channel_id, last_read_seq, updated_at)
     values (?, ?, ?, least(?::int, (select last_seq from channel where id = ?)), now())
     on conflict (user_id, channel_id) do update
       set last_read_seq = greatest(read_marker.last_read_seq, excluded.last_read_seq), updated_at = now()
     returning last_read_seq`,
    [randomUUID(), userId, channelId, seq, channelId],
  );
  return row.last_read_seq;
}

/** One message of a send batch, as the commit statement takes it (`ord`: its place in the batch). */
export interface BatchedMessage {
  ord: number;
  id: string;
  authorId: string;
  /** Stewards see a restricted (draft meeting's) channel as anchors do (`seesDrafts`). */
  authorIsSteward: boolean;
  body: string;
  parentId: string | null;
  clientMessageId: string;
}

/**
 * What the commit statement decided for one message, checked in this order: `no_channel`; `not_member` (the
 * author has no active membership in the channel's group, or the channel is restricted and the author may not
 * see it: the `channelReadableSql` rule); `existing` (the author already stored a message with this
 * clientMessageId: `existingId`; a retry is answered even if the channel closed since); `not_poster` (an
 * observer); `read_only`; `bad_parent` (the parent is not a message of this channel); else `created`, `seq`.
 */
export type BatchOutcome =
  'created' | 'existing' | 'no_channel' | 'not_member' | 'not_poster' | 'read_only' | 'bad_parent';

export interface BatchVerdict {
  ord: number;
  outcome: BatchOutcome;
  existingId: string | null;
  seq: number | null;
  /** The author's display name as stored now (the message's `author.displayName`). */
  displayName: string | null;
  /** `created`: the users the message mentions, as stored (resolved by the statement, see below). */
  mentions: string[];
}

/**
 * Group commit of a channel's send batch in ONE statement, run on its own (autocommit: one round trip, one
 * transaction). In order: the channel row is locked FOR UPDATE (senders of one channel serialise, across
 * instances too; in READ COMMITTED the locked row is the newest version, so `last_seq` and `read_only` are
 * current); each author's active membership is re-read FOR SHARE (after the channel row, the known exception to
 * the lock order in docs/architecture.md), so a removal either committed first (`not_member`, nothing stored,
 * no seq used) or waits for this commit; the messages that pass get `last_seq + row_number()` in batch order, are
 * inserted, and `last_seq` moves by their count: committed seqs stay gap-free.
 *
 * The `existing` lookup reads the statement's snapshot, taken before the lock wait: a message with the same key
 * committed by ANOTHER instance while this one waited is not seen, and the insert then hits the unique index
 * `(channel_id, author_id, client_message_id)`. That raises a UniqueConstraintViolation and the whole statement
 * rolls back (no seq used); the caller runs it again, and the new snapshot answers the retry with the first
 * message. Keys must be unique within one batch (the caller answers in-batch duplicates itself).
 * Mentions are resolved here too, so a batch costs no query per message and no cache can go stale: for a body
 * containing '@', the candidates are the active members of the channel's group whose `@display name` occurs in
 * it (as `mentionCandidates` reads them for edits), and `find_mentions` (the SQL twin of `findMentions`,
 * migration find_mentions_sql) picks the mentioned ones. The insert fills `message_mention` through its trigger.
 * `posterRoles`: the roles that may post (twin of `meetsGroupRole(role, Member)`).
 */
export async function commitMessageBatch(
  em: EntityManager,
  channelId: string,
  messages: BatchedMessage[],
  posterRoles: GroupRole[],
  createdAt: Date,
): Promise<BatchVerdict[]> {
  const input = messages.map((m) => ({
    ord: m.ord,
    id: m.id,
    author_id: m.authorId,
    steward: m.authorIsSteward,
    body: m.body,
    parent_id: m.parentId,
    client_message_id: m.clientMessageId,
  }));
  const rows = await em.execute<
    {
      ord: number;
      outcome: BatchOutcome;
      existing_id: string | null;
      seq: number | null;
      display_name: string | null;
      mentions: string[] | null;
    }[]
  >(
    `with input as (
       select x.ord, x.id, x.author_id, x.steward, x.body, lower(x.body) as lower_body, x.parent_id,
         x.client_message_id
       from jsonb_to_recordset(?::jsonb) as x(ord int, id uuid, author_id uuid, steward boolean, body text,
         parent_id uuid, client_message_id text)
     ),
     ch as (
       select id, group_id, read_only, restricted, last_seq from channel where id = ? for update
     ),
     -- The group's active members as mention tokens, lowered once per batch (read only when a body has '@').
     names as materialized (
       select u.id, u.display_name, '@' || lower(u.display_name) as token
       from membership m join ch on ch.group_id = m.group_id join "user" u on u.id = m.user_id
       where m.status = ?
     ),
     member as (
       select m.user_id, m.role::text as role from membership m join ch on ch.group_id = m.group_id
       where m.status = ? and m.user_id in (select author_id from input)
       for share of m
     ),
     verdict as (
       select i.*, e.id as existing_id,
         case
           when ch.id is null then 'no_channel'
           when mb.user_id is null or (ch.restricted and mb.role <> ? and not i.steward) then 'not_member'
           when e.id is not null then 'existing'
           when not (mb.role = any(?::text[])) then 'not_poster'
           when ch.read_only then 'read_only'
           when i.parent_id is not null and p.id is null then 'bad_parent'
           else 'created'
         end as outcome
       from input i
       left join ch on true
       left join member mb on mb.user_id = i.author_id
       -- Lateral lookups (LIMIT keeps them from being flattened into joins): one index probe per message,
       -- whatever the planner guesses for the batch's size, never a scan of message.
       left join lateral (
         select e.id from message e
         where e.channel_id = ch.id and e.author_id = i.author_id and e.client_message_id = i.client_message_id
         limit 1
       ) e on true
       left join lateral (
         select p.id from message p where p.id = i.parent_id and p.channel_id = ch.id limit 1
       ) p on true
     ),
     numbered as (
       select v.*, ch.last_seq + row_number() over (order by v.ord) as seq,
         case when strpos(v.body, '@') = 0 then '{}'::uuid[]
         else find_mentions(v.body, (
           select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.display_name)), '[]'::jsonb)
           from names c where strpos(v.lower_body, c.token) > 0))
         end as mentions
       from verdict v cross join ch where v.outcome = 'created'
     ),
     inserted as (
       insert into message
         (id, channel_id, seq, author_id, body, parent_id, mentions, client_message_id, edits, created_at)
       select n.id, ?, n.seq, n.author_id, n.body, n.parent_id, n.mentions, n.client_message_id, '[]'::jsonb,
         ?::timestamptz
       from numbered n
       returning id
     ),
     bumped as (
       update channel c set last_seq = ch.last_seq + (select count(*) from inserted)
       from ch where c.id = ch.id and exists (select 1 from inserted)
       returning c.last_seq
     )
     select v.ord, v.outcome, v.existing_id, n.seq::int as seq, n.mentions,
       (select u.display_name from "user" u where u.id = v.author_id) as display_name
     from verdict v
     left join numbered n on n.ord = v.ord
     order by v.ord`,
    [
      JSON.stringify(input),
      channelId,
      MembershipStatus.Active,
      MembershipStatus.Active,
      GroupRole.Anchor,
      `{${posterRoles.join(',')}}`,
      channelId,
      createdAt,
    ],
  );
  return rows.map((r) => ({
    ord: Number(r.ord),
    outcome: r.outcome,
    existingId: r.existing_id,
    seq: r.seq === null ? null : Number(r.seq),
    displayName: r.display_name,
    mentions: r.mentions ?? [],
  }));
}

/** Active members of the group whose `@display name` occurs in the body (case-insensitive); edits use it. */
export async function mentionCandidates(
  em: EntityManager,
  groupId: string,
  body: string,
): Promise<{ id: string; displayName: string }[]> {
  const rows = await em.execute<{ id: string; display_name: string }[]>(
    `select u.id, u.display_name from membership m join "user" u on u.id = m.user_id
     where m.group_id = ? and m.status = ? and strpos(lower(?), '@' || lower(u.display_name)) > 0`,
    [groupId, MembershipStatus.Active, body],
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}

/** Idempotent: a partial unique index allows one general channel per group. */
export async function insertGeneralChannel(em: EntityManager, groupId: string, name: string): Promise<void> {
  const now = new Date();
  await em.execute(
    `insert into channel (id, created_at, updated_at, group_id, kind, name, read_only, last_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    [randomUUID(), now, now, groupId, ChannelKind.General, name, false, 0],
  );
}

/** Idempotent: one channel per meeting. */
export async function insertMeetingChannel(
  em: EntityManager,
  channel: { groupId: string; meetingId: string; name: string; readOnly: boolean; restricted: boolean },
): Promise<void> {
  const now = new Date();
  await em.execute(
    `insert into channel
       (id, created_at, updated_at, group_id, kind, name, meeting_id, read_only, restricted, last_seq)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    [
      randomUUID(),
      now,
      now,
      channel.groupId,
      ChannelKind.Meeting,
      channel.name,
      channel.meetingId,
      channel.readOnly,
      channel.restricted,
      0,
    ],
  );
}

/** A meeting channel's flags after a status change; `restricted` can only be cleared, never set again. */
export async function updateMeetingChannelFlags(
  em: EntityManager,
  meetingId: string,
  flags: { readOnly: boolean; mayStayRestricted: boolean },
): Promise<void> {
  await em.execute(
    `update channel set read_only = ?, restricted = restricted and ?::boolean, updated_at = ?
     where meeting_id = ?`,
    [flags.readOnly, flags.mayStayRestricted, new Date(), meetingId],
  );
}

/** One reaction per user, message and emoji: adding it twice changes nothing. */
export async function addReaction(
  em: EntityManager,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<void> {
  await em.execute(
    `insert into message_reaction (id, message_id, user_id, emoji, created_at)
     values (gen_random_uuid(), ?, ?, ?, now()) on conflict do nothing`,
    [messageId, userId, emoji],
  );
}

export async function removeReaction(
  em: EntityManager,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<void> {
  await em.execute('delete from message_reaction where message_id = ? and user_id = ? and emoji = ?', [
    messageId,
    userId,
    emoji,
  ]);
}
