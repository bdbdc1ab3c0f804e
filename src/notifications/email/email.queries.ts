import { EntityManager } from '@mikro-orm/postgresql';
import { DigestCadence, NotificationKind } from '../notifications.enums';

/** The email path's hand-written SQL (immediate emails and digests); values are always parameters. */

/** One notification as an email needs it: what happened, to whom (address, language, zone), caused by whom. */
export interface MailRow {
  id: string;
  kind: NotificationKind;
  params: Record<string, string | number | boolean | null>;
  group_id: string | null;
  subject_type: string;
  subject_id: string;
  created_at: Date;
  recipient_id: string;
  email: string;
  display_name: string;
  locale: string;
  time_zone: string;
  actor_name: string | null;
  /** The recipient left or was removed from the notification's group since: the email is dropped. */
  left_group: boolean;
}

const MAIL_COLUMNS = `n.id, n.kind, n.params, n.group_id, n.subject_type, n.subject_id, n.created_at,
       u.id as recipient_id, u.email, u.display_name, u.locale, u.time_zone, a.display_name as actor_name,
       (n.kind not in ('join_approved', 'join_rejected', 'invited') and exists (
          select 1 from membership m
           where m.group_id = n.group_id and m.user_id = n.recipient_id and m.status in ('left', 'removed'))
       ) as left_group`;

/**
 * Claims one immediate email: the row, locked until the transaction ends, if it is still unsent and its recipient
 * enabled. SKIP LOCKED: a second job for the same notification (a duplicate, a sweep) finds nothing while the
 * first is sending, and finds it sent (or free again after a failure) afterwards.
 */
export async function claimImmediate(em: EntityManager, id: string): Promise<MailRow | null> {
  const rows = await em.execute<MailRow[]>(
    `select ${MAIL_COLUMNS}
       from notification n
       join "user" u on u.id = n.recipient_id and not u.disabled
       left join "user" a on a.id = n.actor_id
      where n.id = ? and n.email_mode = 'immediately' and n.emailed_at is null
        for update of n skip locked`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markEmailed(em: EntityManager, ids: string[], at: Date): Promise<void> {
  await em.execute(
    `update notification set emailed_at = ? where id = any(?::uuid[]) and emailed_at is null`,
    [at, `{${ids.join(',')}}`],
  );
}

/** Of these ids, the ones still waiting for an immediate email (the LISTEN path enqueues only these). */
export async function immediatePending(em: EntityManager, ids: string[]): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from notification
      where id = any(?::uuid[]) and email_mode = 'immediately' and emailed_at is null`,
    [`{${ids.join(',')}}`],
  );
  return rows.map((r) => r.id);
}

/** The sweep: immediate emails still unsent (oldest first), younger than `since` (older ones are not mailed late). */
export async function immediateBacklog(em: EntityManager, since: Date, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select n.id from notification n join "user" u on u.id = n.recipient_id and not u.disabled
      where n.email_mode = 'immediately' and n.emailed_at is null and n.created_at >= ?
      order by n.created_at limit ?`,
    [since, limit],
  );
  return rows.map((r) => r.id);
}

/** Who has notifications waiting for a digest, with the cadences waiting and their current zone. */
export async function digestCandidates(
  em: EntityManager,
  now: Date,
): Promise<{ user_id: string; time_zone: string; cadence: DigestCadence }[]> {
  return em.execute(
    `select distinct n.recipient_id as user_id, u.time_zone, n.email_mode as cadence
       from notification n join "user" u on u.id = n.recipient_id and not u.disabled
      where n.email_mode in ('daily', 'weekly') and n.emailed_at is null and n.digest_id is null
        and n.created_at < ?`,
    [now],
  );
}

/**
 * Makes one digest: inserts its row for (user, cadence, slot) unless one exists, and marks every notification of
 * that cadence still undigested and made before the slot as carried by it, in one statement (the caller's
 * transaction). Returns the digest id, or null when the slot already has a digest or nothing is waiting (no empty
 * digest is ever made).
 */
export async function makeDigest(
  em: EntityManager,
  input: { id: string; userId: string; cadence: DigestCadence; slotAt: Date; timeZone: string; now: Date },
): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>(
    `with waiting as (
       select id from notification
        where recipient_id = ? and email_mode = ? and emailed_at is null and digest_id is null and created_at < ?
        for update),
     digest as (
       insert into notification_digest (id, user_id, cadence, slot_at, time_zone, status, item_count, created_at)
       select ?, ?, ?, ?, ?, 'pending', (select count(*) from waiting), ?
        where exists (select 1 from waiting)
       on conflict (user_id, cadence, slot_at) do nothing
       returning id),
     marked as (
       update notification set digest_id = (select id from digest)
        where id in (select id from waiting) and exists (select 1 from digest)
       returning id)
     select id from digest where (select count(*) from marked) >= 0`,
    [
      input.userId,
      input.cadence,
      input.slotAt,
      input.id,
      input.userId,
      input.cadence,
      input.slotAt,
      input.timeZone,
      input.now,
    ],
  );
  return rows[0]?.id ?? null;
}

/** Claims a pending digest for sending (locked; SKIP LOCKED like claimImmediate). */
export async function claimDigest(
  em: EntityManager,
  id: string,
): Promise<{ id: string; user_id: string; cadence: DigestCadence } | null> {
  const rows = await em.execute<{ id: string; user_id: string; cadence: DigestCadence }[]>(
    `select id, user_id, cadence from notification_digest where id = ? and status = 'pending'
        for update skip locked`,
    [id],
  );
  return rows[0] ?? null;
}

/** What a digest carries, in order: by group, then time. */
export function digestItems(em: EntityManager, digestId: string): Promise<MailRow[]> {
  return em.execute<MailRow[]>(
    `select ${MAIL_COLUMNS}
       from notification n
       join "user" u on u.id = n.recipient_id
       left join "user" a on a.id = n.actor_id
      where n.digest_id = ?
      order by n.params->>'groupName' nulls last, n.created_at, n.id`,
    [digestId],
  );
}

export async function markDigestSent(em: EntityManager, digestId: string, at: Date): Promise<void> {
  await em.execute(`update notification_digest set status = 'sent', sent_at = ? where id = ?`, [
    at,
    digestId,
  ]);
  await em.execute(`update notification set emailed_at = ? where digest_id = ? and emailed_at is null`, [
    at,
    digestId,
  ]);
}

export async function pendingDigests(em: EntityManager, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from notification_digest where status = 'pending' order by created_at limit ?`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/** Whether the person is an active member of the group now (an invitation shows the online link only to them). */
export async function isActiveMember(em: EntityManager, groupId: string, userId: string): Promise<boolean> {
  const [row] = await em.execute<{ active: boolean }[]>(
    `select exists (select 1 from membership where group_id = ? and user_id = ? and status = 'active') as active`,
    [groupId, userId],
  );
  return Boolean(row?.active);
}
