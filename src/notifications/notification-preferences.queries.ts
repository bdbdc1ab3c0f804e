import { EntityManager } from '@mikro-orm/postgresql';
import { NotificationFrequency, NotificationKind } from './notifications.enums';

/** The preferences' hand-written SQL; values are always parameters. */

const textArray = (values: string[]): string => `{${values.join(',')}}`;

export async function userExists(em: EntityManager, userId: string): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(`select id from "user" where id = ?`, [userId]);
  return rows.length > 0;
}

/**
 * Upserts the person's frequencies for these kinds, and makes their notifications of those kinds that still wait
 * for email (not sent, not in a digest) follow the new choice.
 */
export async function setFrequencies(
  em: EntityManager,
  userId: string,
  changes: { kind: NotificationKind; frequency: NotificationFrequency }[],
): Promise<void> {
  const kinds = textArray(changes.map((c) => c.kind));
  const frequencies = textArray(changes.map((c) => c.frequency));
  await em.execute(
    `insert into notification_preference (user_id, kind, frequency, updated_at)
     select ?, c.kind, c.frequency, now() from unnest(?::text[], ?::text[]) as c(kind, frequency)
     on conflict (user_id, kind) do update set frequency = excluded.frequency, updated_at = now()`,
    [userId, kinds, frequencies],
  );
  await em.execute(
    `update notification n set email_mode = c.frequency
       from unnest(?::text[], ?::text[]) as c(kind, frequency)
      where n.recipient_id = ? and n.kind = c.kind and n.emailed_at is null and n.digest_id is null`,
    [kinds, frequencies, userId],
  );
}
