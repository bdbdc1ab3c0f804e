import { EntityManager } from '@mikro-orm/postgresql';
import { preparedStatement, queryPrepared } from '../common/prepared-statement';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';

/**
 * The send path's SQL (decision 0009): the batch commit statement and the mention lookup edits use. Split from
 * discussion.queries.ts by responsibility; values are always parameters, as there.
 */

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
  /** `created` replies: the parent's author while an active member of the group (who a reply notifies). */
  parentAuthorId: string | null;
  /** The channel's and its group's names and the group (notification params); null when no channel. */
  channelName: string | null;
  groupId: string | null;
  groupName: string | null;
}

/** The commit statement, prepared once per connection: it runs for every send batch (values: commitBatchValues). */
export const COMMIT_MESSAGE_BATCH = preparedStatement(
  'convene_commit_message_batch',
  `with input as (
       select x.ord, x.id, x.author_id, x.steward, x.body, lower(x.body) as lower_body, x.parent_id,
         x.client_message_id
       from jsonb_to_recordset(?::jsonb) as x(ord int, id uuid, author_id uuid, steward boolean, body text,
         parent_id uuid, client_message_id text)
     ),
     ch as (
       select id, group_id, name, read_only, restricted, last_seq from channel where id = ?::uuid for update
     ),
     -- The group's active members as mention tokens, lowered once per batch (read only when a body has '@').
     names as materialized (
       select u.id, u.display_name, '@' || lower(u.display_name) as token
       from membership m join ch on ch.group_id = m.group_id join "user" u on u.id = m.user_id
       where m.status = ?
     ),
     -- One probe of the (group_id, user_id) unique index per author: never the group's whole membership (a
     -- join here let the planner scan every active member of a 5,000-member group for a batch of two).
     member as (
       select m.user_id, m.role
       from (select distinct author_id from input) a
       cross join lateral (
         select m.user_id, m.role::text as role from membership m
         where m.group_id = (select group_id from ch) and m.user_id = a.author_id and m.status = ?
         for share of m
       ) m
     ),
     verdict as (
       select i.*, e.id as existing_id, p.author_id as parent_author_id,
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
         select p.id, p.author_id from message p where p.id = i.parent_id and p.channel_id = ch.id limit 1
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
       select n.id, ?::uuid, n.seq, n.author_id, n.body, n.parent_id, n.mentions, n.client_message_id, '[]'::jsonb,
         ?::timestamptz
       from numbered n
       returning id
     ),
     bumped as (
       update channel c set last_seq = (select last_seq from ch) + (select count(*) from inserted)
       where c.id = (select id from ch) and exists (select 1 from inserted)
       returning c.last_seq
     )
     select v.ord, v.outcome, v.existing_id, n.seq::int as seq, n.mentions,
       (select u.display_name from "user" u where u.id = v.author_id) as display_name,
       pa.user_id as parent_author_id,
       (select ch.name from ch) as channel_name, (select ch.group_id from ch) as group_id,
       (select g.name from working_group g where g.id = (select group_id from ch)) as group_name
     from verdict v
     left join numbered n on n.ord = v.ord
     -- Replies only (one probe of the unique index each; LIMIT keeps it a probe): the parent's author, if still
     -- an active member.
     left join lateral (
       select pm.user_id from membership pm
       where pm.group_id = (select group_id from ch) and pm.user_id = n.parent_author_id and pm.status = ?
       limit 1
     ) pa on true
     order by v.ord`,
);

interface CommitRow {
  ord: number;
  outcome: BatchOutcome;
  existing_id: string | null;
  seq: number | null;
  display_name: string | null;
  mentions: string[] | null;
  parent_author_id: string | null;
  channel_name: string | null;
  group_id: string | null;
  group_name: string | null;
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
 * It also answers what the notifications of the batch need (hook `messages.committed`): each created reply's
 * parent author while an active member, and the channel's and group's names (read once, from the locked row).
 * `posterRoles`: the roles that may post (twin of `meetsGroupRole(role, Member)`).
 */
export async function commitMessageBatch(
  em: EntityManager,
  channelId: string,
  messages: BatchedMessage[],
  posterRoles: GroupRole[],
  createdAt: Date,
): Promise<BatchVerdict[]> {
  const rows = await queryPrepared<CommitRow>(
    em,
    COMMIT_MESSAGE_BATCH,
    commitBatchValues(channelId, messages, posterRoles, createdAt),
  );
  return rows.map((r) => ({
    ord: Number(r.ord),
    outcome: r.outcome,
    existingId: r.existing_id,
    seq: r.seq === null ? null : Number(r.seq),
    displayName: r.display_name,
    mentions: r.mentions ?? [],
    parentAuthorId: r.parent_author_id,
    channelName: r.channel_name,
    groupId: r.group_id,
    groupName: r.group_name,
  }));
}

/** The values of COMMIT_MESSAGE_BATCH, in placeholder order (exported so a test can EXPLAIN the statement). */
export function commitBatchValues(
  channelId: string,
  messages: BatchedMessage[],
  posterRoles: GroupRole[],
  createdAt: Date,
): unknown[] {
  const input = messages.map((m) => ({
    ord: m.ord,
    id: m.id,
    author_id: m.authorId,
    steward: m.authorIsSteward,
    body: m.body,
    parent_id: m.parentId,
    client_message_id: m.clientMessageId,
  }));
  return [
    JSON.stringify(input),
    channelId,
    MembershipStatus.Active,
    MembershipStatus.Active,
    GroupRole.Anchor,
    `{${posterRoles.join(',')}}`,
    channelId,
    createdAt,
    MembershipStatus.Active,
  ];
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
