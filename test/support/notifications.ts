import ICAL from 'ical.js';
import { Notification } from '../../src/notifications/entities/notification.entity';
import { User } from '../../src/users/entities/user.entity';
import { NotificationOutbox, NewNotification } from '../../src/notifications/notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../../src/notifications/notifications.enums';
import type { ReceivedMail } from './smtp';
import type { TestApp } from './test-app';

export const MAIL_FROM = 'Convene <no-reply@convene.test>';
export const PUBLIC_BASE_URL = 'https://convene.test';

/** Writes notifications as producers do: through the outbox, in a transaction. */
export function notify<K extends NotificationKind>(t: TestApp, input: NewNotification<K>) {
  const outbox = t.app.get(NotificationOutbox);
  return t.em().transactional((em) => outbox.add(em, input));
}

export const mentionOf = (
  recipientIds: string[],
  actorId: string | null,
  extra: Partial<NewNotification<NotificationKind.Mention>['params']> = {},
): NewNotification<NotificationKind.Mention> => ({
  kind: NotificationKind.Mention,
  recipientIds,
  actorId,
  groupId: null,
  subject: { type: NotificationSubjectType.Message, id: '00000000-0000-4000-8000-000000000001' },
  params: { groupName: 'Open data', channelName: 'general', excerpt: 'hello', ...extra },
});

export async function setLocale(t: TestApp, userId: string, locale: string, timeZone: string): Promise<void> {
  await t.em().nativeUpdate(User, { id: userId }, { locale, timeZone });
}

/** Headers as sent, unfolded (RFC 5322 §2.2.3). */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

export function unsubscribeToken(mail: ReceivedMail): string {
  const value = rawHeader(mail, 'List-Unsubscribe') ?? '';
  const match = /^<https:\/\/convene\.test\/unsubscribe\/([^>]+)>$/.exec(value);
  if (!match) throw new Error(`no unsubscribe link in ${value}`);
  return match[1];
}

/** The text/calendar part of an invitation email: METHOD, and the event's UID and SEQUENCE. */
export function invitationOf(mail: ReceivedMail): { method: string; uid: string; sequence: number } | null {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return null;
  return icsSummary(part.content.toString('utf8'));
}

export function icsSummary(text: string): { method: string; uid: string; sequence: number } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  return {
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    uid: String(event?.getFirstPropertyValue('uid')),
    sequence: Number(event?.getFirstPropertyValue('sequence')),
  };
}

/** Like notify, with the rows dated `at` in the same transaction (digests look at `created_at`). */
export function notifyAt<K extends NotificationKind>(t: TestApp, at: Date, input: NewNotification<K>) {
  const outbox = t.app.get(NotificationOutbox);
  return t.em().transactional(async (em) => {
    const added = await outbox.add(em, input);
    await em.nativeUpdate(Notification, { id: added.map((a) => a.id) }, { createdAt: at });
    return added;
  });
}

/** The `event-N` markers a mail mentions, in order. */
export const eventsIn = (mail: ReceivedMail): string[] => mail.parsed.text?.match(/event-\d+/g) ?? [];
