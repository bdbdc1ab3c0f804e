import { EntityManager } from '@mikro-orm/postgresql';
import { channelReadableSql } from './discussion.queries';
import { MessageDto, ReactionCountDto } from './dto/message.dto';

/**
 * Message history in one statement (decision 0011): the caller's right to read the channel, one page of messages
 * by seq, their authors' display names and each message's reaction summary. No entity is hydrated: the rows map
 * straight to MessageDto with the rules of `toMessageDto` (message-view.ts), which the socket paths still use;
 * test/discussion-history-shape.e2e-spec.ts pins that both give the same answer.
 */

export interface HistoryWindow {
  afterSeq?: number;
  beforeSeq?: number;
  /** Rows wanted; the statement reads one more to tell whether more exist. */
  limit: number;
  /** Ascending from `afterSeq` (catching up); otherwise the latest before `beforeSeq`, newest first. */
  ascending: boolean;
}

interface HistoryRow {
  visible: boolean;
  id: string | null;
  channel_id: string;
  seq: number;
  author_id: string;
  display_name: string;
  body: string | null;
  parent_id: string | null;
  mentions: string[];
  client_message_id: string;
  created_at: string | Date;
  edited_at: string | Date | null;
  deleted_at: string | Date | null;
  reactions: ReactionCountDto[] | string | null;
}

/**
 * `null` when the caller may not read the channel (or it does not exist): the access rule is
 * `channelReadableSql`, the SQL twin of `loadChannelAccess`. Otherwise up to `limit + 1` messages, ascending by
 * seq. Reactions: grouped by emoji in the order each emoji was first used, users in the order they reacted
 * (created_at, id), none for a tombstone. The direction is one of two constant texts, never a value.
 */
export async function selectHistoryPage(
  em: EntityManager,
  channelId: string,
  userId: string,
  isSteward: boolean,
  window: HistoryWindow,
): Promise<MessageDto[] | null> {
  const readable = channelReadableSql('c', 'mb', isSteward);
  const direction = window.ascending ? 'asc' : 'desc';
  const rows = await em.execute<HistoryRow[]>(
    `select v.visible, p.id, p.channel_id, p.seq, p.author_id, u.display_name, p.body, p.parent_id, p.mentions,
            p.client_message_id, p.created_at, p.edited_at, p.deleted_at, rx.reactions
       from (select exists (select 1 from channel c
                             join membership mb on mb.group_id = c.group_id and mb.user_id = ?
                            where c.id = ? and ${readable.sql}) as visible) v
       left join lateral (
              select m.* from message m
               where v.visible and m.channel_id = ?
                 and (?::int is null or m.seq > ?::int) and (?::int is null or m.seq < ?::int)
               order by m.seq ${direction}
               limit ?) p on true
       left join "user" u on u.id = p.author_id
       left join lateral (
              select json_agg(json_build_object('emoji', g.emoji, 'count', g.n, 'userIds', g.user_ids)
                              order by g.first) as reactions
                from (select x.emoji, count(*)::int as n, json_agg(x.user_id order by x.rn) as user_ids,
                             min(x.rn) as first
                        from (select r.emoji, r.user_id, row_number() over (order by r.created_at, r.id) as rn
                                from message_reaction r where r.message_id = p.id) x
                       group by x.emoji) g) rx on p.deleted_at is null
      order by p.seq`,
    [
      userId,
      channelId,
      ...readable.params,
      channelId,
      window.afterSeq ?? null,
      window.afterSeq ?? null,
      window.beforeSeq ?? null,
      window.beforeSeq ?? null,
      window.limit + 1,
    ],
  );
  if (!rows[0]?.visible) return null;
  return rows.filter((r) => r.id !== null).map(toDto);
}

const toDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

function toDto(r: HistoryRow): MessageDto {
  const dead = r.deleted_at !== null;
  const reactions =
    typeof r.reactions === 'string' ? (JSON.parse(r.reactions) as ReactionCountDto[]) : r.reactions;
  return {
    id: r.id as string,
    channelId: r.channel_id,
    seq: r.seq,
    author: { id: r.author_id, displayName: r.display_name },
    body: dead ? null : r.body,
    parentId: r.parent_id,
    mentions: dead ? [] : r.mentions,
    reactions: dead ? [] : (reactions ?? []),
    clientMessageId: r.client_message_id,
    createdAt: toDate(r.created_at),
    editedAt: r.edited_at === null ? null : toDate(r.edited_at),
    deletedAt: dead ? toDate(r.deleted_at as string | Date) : null,
  };
}
