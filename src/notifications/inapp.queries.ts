import { EntityManager } from '@mikro-orm/postgresql';
import { DocumentVisibility } from '../documents/documents.enums';
import { GroupRole, GroupVisibility, MembershipStatus } from '../groups/groups.enums';
import { MeetingStatus } from '../meetings/meetings.enums';
import { NotificationKind, NotificationSubjectType } from './notifications.enums';

/**
 * The in-app reads and read marks (`/me/notifications`); values are always parameters. The visibility rule
 * (docs/notifications.md, "Redaction") is applied in the same statement as the page, per row, so redaction costs
 * no query per notification.
 */

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  group_slug: string | null;
  subject_type: NotificationSubjectType;
  subject_id: string;
  actor_id: string | null;
  actor_name: string | null;
  params: Record<string, unknown>;
  created_at: Date | string;
  read_at: Date | string | null;
  /** False: the reader may no longer see what it is about (shown redacted). */
  visible: boolean;
}

export interface NotificationReader {
  id: string;
  isSteward: boolean;
}

/**
 * May the reader still see it? The group: public, or the reader is an active or invited member, or a steward
 * (the `canSeeGroup` rule). The subject: a message must still exist, not be deleted, and be in a channel the
 * reader may read (active member; a restricted channel for anchors and stewards: `channelReadableSql`); a
 * document must exist, not be deleted, and be public or the reader an active member or a steward; a meeting must
 * exist and not be a draft unless the reader manages the group; a join request is for the group's managers.
 */
const VISIBLE_SQL = `(
  (n.group_id is null or g.visibility = ? or ?::boolean or m.status in (?, ?))
  and case
    when n.kind = ? then ?::boolean or (m.status = ? and m.role = ?)
    when n.subject_type = ? then exists (
      select 1 from message msg join channel c on c.id = msg.channel_id
      where msg.id = n.subject_id and msg.deleted_at is null and m.status = ?
        and (not c.restricted or m.role = ? or ?::boolean))
    when n.subject_type = ? then exists (
      select 1 from document d where d.id = n.subject_id and d.deleted_at is null
        and (d.visibility = ? or ?::boolean or m.status = ?))
    when n.subject_type = ? then exists (
      select 1 from meeting mt where mt.id = n.subject_id
        and (mt.status <> ? or ?::boolean or (m.status = ? and m.role = ?)))
    else true
  end
)`;

function visibleParams(reader: NotificationReader): unknown[] {
  const s = reader.isSteward;
  const { Active, Invited } = MembershipStatus;
  return [
    GroupVisibility.Public,
    s,
    Active,
    Invited,
    NotificationKind.JoinRequested,
    s,
    Active,
    GroupRole.Anchor,
    NotificationSubjectType.Message,
    Active,
    GroupRole.Anchor,
    s,
    NotificationSubjectType.Document,
    DocumentVisibility.Public,
    s,
    Active,
    NotificationSubjectType.Meeting,
    MeetingStatus.Draft,
    s,
    Active,
    GroupRole.Anchor,
  ];
}

const SELECT_SQL = `select n.id, n.kind, g.slug as group_slug, n.subject_type, n.subject_id, n.actor_id,
    a.display_name as actor_name, n.params, n.created_at, n.read_at, ${VISIBLE_SQL} as visible
  from notification n
  left join working_group g on g.id = n.group_id
  left join "user" a on a.id = n.actor_id
  left join membership m on m.group_id = n.group_id and m.user_id = n.recipient_id`;

/** One page of the reader's notifications, newest first (created, id), after `after`; unread only if asked. */
export function selectNotificationPage(
  em: EntityManager,
  reader: NotificationReader,
  options: { unread: boolean; after?: { createdAt: string; id: string }; limit: number },
): Promise<NotificationRow[]> {
  const after = options.after;
  return em.execute<NotificationRow[]>(
    `${SELECT_SQL}
     where n.recipient_id = ? ${options.unread ? 'and n.read_at is null' : ''}
       ${after ? 'and (n.created_at, n.id) < (?::timestamptz, ?::uuid)' : ''}
     order by n.created_at desc, n.id desc
     limit ?`,
    [...visibleParams(reader), reader.id, ...(after ? [after.createdAt, after.id] : []), options.limit],
  );
}

/** One notification of its recipient, as the list shows it (the live push renders it), or null. */
export async function selectNotification(
  em: EntityManager,
  reader: NotificationReader,
  id: string,
): Promise<NotificationRow | null> {
  const rows = await em.execute<NotificationRow[]>(`${SELECT_SQL} where n.id = ? and n.recipient_id = ?`, [
    ...visibleParams(reader),
    id,
    reader.id,
  ]);
  return rows[0] ?? null;
}

/** The unread badge: an index-only count over the partial index `notification_unread_idx`. */
export async function countUnread(em: EntityManager, recipientId: string): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(
    'select count(*) as n from notification where recipient_id = ? and read_at is null',
    [recipientId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** How many of `ids` are notifications of the recipient (locks them, so a concurrent mark waits). */
export async function lockOwned(em: EntityManager, recipientId: string, ids: string[]): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from notification where recipient_id = ? and id = any(?::uuid[]) for update',
    [recipientId, `{${ids.join(',')}}`],
  );
  return rows.length;
}

/** Marks the given notifications of the recipient read (those already read keep their first read time). */
export async function markIdsRead(em: EntityManager, recipientId: string, ids: string[]): Promise<void> {
  await em.execute(
    'update notification set read_at = now() where recipient_id = ? and id = any(?::uuid[]) and read_at is null',
    [recipientId, `{${ids.join(',')}}`],
  );
}

/**
 * Marks read every unread notification of the recipient up to and including `upToId` in list order (created at
 * or before it; same instant: id not after it). Returns false, changing nothing, when `upToId` is not theirs.
 */
export async function markReadUpTo(em: EntityManager, recipientId: string, upToId: string): Promise<boolean> {
  const rows = await em.execute<{ found: boolean }[]>(
    `with mark as (select created_at, id from notification where id = ? and recipient_id = ?),
     done as (
       update notification n set read_at = now() from mark
       where n.recipient_id = ? and n.read_at is null and (n.created_at, n.id) <= (mark.created_at, mark.id)
       returning n.id)
     select exists (select 1 from mark) as found, (select count(*) from done) as marked`,
    [upToId, recipientId, recipientId],
  );
  return rows[0]?.found === true;
}
