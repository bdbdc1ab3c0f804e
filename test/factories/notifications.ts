import { Notification } from '../../src/notifications/entities/notification.entity';
import { NotificationKind } from '../../src/notifications/notifications.enums';
import { TestApp } from '../support/test-app';

/** The notifications stored about one subject (and of one kind), oldest first: what the outbox wrote. */
export function notificationsAbout(
  t: TestApp,
  subjectId: string,
  kind?: NotificationKind,
): Promise<Notification[]> {
  return t
    .em()
    .find(
      Notification,
      { subjectId, ...(kind ? { kind } : {}) },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
}

/** Who was told, sorted (compare with `ids(...)`). */
export async function recipientsOf(t: TestApp, subjectId: string, kind: NotificationKind): Promise<string[]> {
  return (await notificationsAbout(t, subjectId, kind)).map((n) => n.recipient.id).sort();
}

export const ids = (...users: { id: string }[]): string[] => users.map((u) => u.id).sort();
