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
