import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DEFAULT_FREQUENCY, NotificationParamsByKind } from './notification-kinds';
import { NotificationKind, NotificationSubjectType } from './notifications.enums';
import { insertNotifications } from './notifications.queries';

/** The PostgreSQL NOTIFY channel that announces committed notifications, payload `<recipientId>:<notificationId>`. */
export const NOTIFICATION_CHANNEL = 'convene_notification';

export interface NewNotification<K extends NotificationKind = NotificationKind> {
  kind: K;
  /** Who should be told; duplicates, the actor, unknown and disabled users are left out. */
  recipientIds: readonly string[];
  /** Who caused it (null: the system). */
  actorId: string | null;
  groupId: string | null;
  subject: { type: NotificationSubjectType; id: string };
  /** What rendering needs (titles, times); never a secret or an email address. */
  params: NotificationParamsByKind[K];
  /** Per-recipient idempotency (reminders): a second add with the same key for a recipient is a no-op. */
  dedupeKey?: string;
}

export interface AddedNotification {
  id: string;
  recipientId: string;
}

/**
 * Writes notifications in the caller's transaction: the outbox. One statement, whatever the number of recipients:
 * it snapshots each recipient's email preference (or the kind's default), skips the actor, and announces each row
 * with NOTIFY, which PostgreSQL delivers only when (and if) the transaction commits, so nothing is ever pushed
 * or mailed for a change that rolled back.
 */
@Injectable()
export class NotificationOutbox {
  async add<K extends NotificationKind>(
    em: EntityManager,
    input: NewNotification<K>,
  ): Promise<AddedNotification[]> {
    return this.addMany(em, [input]);
  }

  /**
   * Several notifications (of any kinds) in ONE statement, e.g. every mention and reply of a send batch: the
   * same rules as `add`, each input with its own actor left out.
   */
  async addMany(em: EntityManager, inputs: readonly NewNotification[]): Promise<AddedNotification[]> {
    if (!em.isInTransaction())
      throw new Error('notifications are written in the transaction of their change');
    const wanted = inputs.filter((input) => input.recipientIds.length > 0);
    if (wanted.length === 0) return [];
    const rows = await insertNotifications(
      em,
      wanted,
      (input) => DEFAULT_FREQUENCY[input.kind],
      NOTIFICATION_CHANNEL,
    );
    return rows.map((row) => ({ id: row.id, recipientId: row.recipient_id }));
  }
}
