import { EntityManager } from '@mikro-orm/postgresql';
import type { NewNotification } from './notification-outbox';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import { NotificationFrequency } from './notifications.enums';

/** The notifications context's hand-written SQL for the outbox; values are always parameters. */

/**
 * The outbox insert (NotificationOutbox.add / addMany): for every input, one row per distinct, enabled recipient
 * other than that input's actor, each with the recipient's email preference for the kind (or the kind's default),
 * idempotent per `dedupeKey`, and one NOTIFY per row (delivered on commit). One statement for any number of
 * inputs (a send batch's mentions and replies). `created_at` is kept to the millisecond, as JavaScript dates and
 * the list's cursors carry it: a microsecond the cursor cannot say would make the next page skip rows.
 */
export function insertNotifications(
  em: EntityManager,
  inputs: readonly NewNotification[],
  defaultFrequency: (input: NewNotification) => NotificationFrequency,
  channel: string,
): Promise<{ id: string; recipient_id: string }[]> {
  const rows = inputs.map((input) => ({
    recipient_ids: [...input.recipientIds],
    kind: input.kind,
    group_id: input.groupId,
    subject_type: input.subject.type,
    subject_id: input.subject.id,
    actor_id: input.actorId,
    params: input.params,
    dedupe_key: input.dedupeKey ?? null,
    default_frequency: defaultFrequency(input),
  }));
  return em.execute<{ id: string; recipient_id: string }[]>(
    `with input as (
       select x.* from jsonb_to_recordset(?::jsonb) as x(recipient_ids uuid[], kind text, group_id uuid,
         subject_type text, subject_id uuid, actor_id uuid, params jsonb, dedupe_key text, default_frequency text)
     ),
     added as (
       insert into notification (id, recipient_id, kind, group_id, subject_type, subject_id, actor_id, params,
                                 dedupe_key, email_mode, created_at)
       select gen_random_uuid(), r.id, i.kind, i.group_id, i.subject_type, i.subject_id, i.actor_id, i.params,
              i.dedupe_key, coalesce(p.frequency, i.default_frequency), date_trunc('milliseconds', now())
         from input i
         cross join lateral (select distinct unnest(i.recipient_ids) as id) r
         join "user" u on u.id = r.id and not u.disabled
         left join notification_preference p on p.user_id = r.id and p.kind = i.kind
        where r.id is distinct from i.actor_id
       on conflict (recipient_id, dedupe_key) do nothing
       returning id, recipient_id)
     select id, recipient_id, pg_notify(?, recipient_id::text || ':' || id::text) from added`,
    [JSON.stringify(rows), channel],
  );
}

/** The group's active anchors (who is told of a join request). */
export async function activeAnchors(em: EntityManager, groupId: string): Promise<string[]> {
  const rows = await em.execute<{ user_id: string }[]>(
    'select user_id from membership where group_id = ? and status = ? and role = ?',
    [groupId, MembershipStatus.Active, GroupRole.Anchor],
  );
  return rows.map((r) => r.user_id);
}
