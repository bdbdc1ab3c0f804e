import { EntityManager } from '@mikro-orm/postgresql';
import type { NewNotification } from './notification-outbox';
import { NotificationFrequency } from './notifications.enums';

/** The notifications context's hand-written SQL; values are always parameters. */

/**
 * The outbox insert (NotificationOutbox.add): one row per distinct, enabled recipient other than the actor, each
 * with the recipient's email preference for the kind (or `defaultFrequency`), idempotent per `dedupeKey`, and one
 * NOTIFY per row (delivered on commit).
 */
export function insertNotifications(
  em: EntityManager,
  input: NewNotification,
  defaultFrequency: NotificationFrequency,
  channel: string,
): Promise<{ id: string; recipient_id: string }[]> {
  return em.execute<{ id: string; recipient_id: string }[]>(
    `with recipient as (select distinct unnest(?::uuid[]) as id),
            added as (
              insert into notification (id, recipient_id, kind, group_id, subject_type, subject_id, actor_id, params,
                                        dedupe_key, email_mode, created_at)
              select gen_random_uuid(), r.id, ?, ?, ?, ?, ?, ?::jsonb, ?, coalesce(p.frequency, ?), now()
                from recipient r
                join "user" u on u.id = r.id and not u.disabled
                left join notification_preference p on p.user_id = r.id and p.kind = ?
               where r.id is distinct from ?::uuid
              on conflict (recipient_id, dedupe_key) do nothing
              returning id, recipient_id)
       select id, recipient_id, pg_notify(?, recipient_id::text || ':' || id::text) from added`,
    [
      `{${input.recipientIds.join(',')}}`,
      input.kind,
      input.groupId,
      input.subject.type,
      input.subject.id,
      input.actorId,
      JSON.stringify(input.params),
      input.dedupeKey ?? null,
      defaultFrequency,
      input.kind,
      input.actorId,
      channel,
    ],
  );
}
