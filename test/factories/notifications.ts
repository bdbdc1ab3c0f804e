import { Notification } from '../../src/notifications/entities/notification.entity';
import { NotificationKind } from '../../src/notifications/notifications.enums';
import type { TestApp } from '../support/test-app';
import type { TestUser } from './users';

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

/** A notification as `GET /me/notifications` and `notification:new` carry it. */
export interface Wire {
  id: string;
  kind: string;
  groupSlug: string | null;
  subject: { type: string; id: string | null };
  actor: { id: string; displayName: string } | null;
  title: string;
  createdAt: string;
  readAt: string | null;
}

export const list = async (
  t: TestApp,
  user: TestUser,
  query = '',
): Promise<{ items: Wire[]; nextCursor: string | null }> =>
  (await t.http.get(`/me/notifications${query}`).set(user.auth).expect(200)).body as never;
export const count = async (t: TestApp, user: TestUser): Promise<number> =>
  (await t.http.get('/me/notifications/count').set(user.auth).expect(200)).body.unread as number;
export const rowsOf = (t: TestApp, user: TestUser): Promise<Notification[]> =>
  t.em().find(Notification, { recipient: user.id }, { orderBy: { createdAt: 'asc' } });
