import { NotificationDigest } from '../src/notifications/entities/notification-digest.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationClock } from '../src/notifications/email/notification-clock';
import { NotificationFrequency, NotificationKind } from '../src/notifications/notifications.enums';
import { NotificationJobs } from '../src/notifications/queue/notification-jobs';
import { createUser, TestUser } from './factories/users';
import {
  eventsIn,
  MAIL_FROM,
  mentionOf,
  notifyAt,
  PUBLIC_BASE_URL,
  rawHeader,
  setLocale,
} from './support/notifications';
import { TestSmtp } from './support/smtp';
import { createTestApp, TestApp } from './support/test-app';

const at = (iso: string) => new Date(iso);

/**
 * Digests at 08:00 in each reader's zone, driven by a moved clock: a digest reader learns exactly the events an
 * immediate reader learns, once, across digest boundaries, zones, and a zone change between two digests.
 * 2030-01-08 is a Tuesday; in January Paris is UTC+1 (08:00 = 07:00Z), Mexico City UTC-6 (08:00 = 14:00Z),
 * Tokyo UTC+9 (Monday 2030-01-14 08:00 = 2030-01-13T23:00Z).
 */
describe('notification digests', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let clock: NotificationClock;
  let jobs: NotificationJobs;
  let actor: TestUser;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await createTestApp({
      smtpUrl: smtp.url,
      mailFrom: MAIL_FROM,
      publicBaseUrl: PUBLIC_BASE_URL,
      notificationWorkers: true,
      notificationRetryDelaySeconds: 1,
    });
    clock = t.app.get(NotificationClock);
    jobs = t.app.get(NotificationJobs);
    actor = await createUser(t, { displayName: 'Rosa' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function reader(
    frequency: NotificationFrequency,
    locale: string,
    timeZone: string,
  ): Promise<TestUser> {
    const user = await createUser(t);
    await setLocale(t, user.id, locale, timeZone);
    await t.http
      .put('/me/notification-preferences')
      .set(user.auth)
      .send({ preferences: [{ kind: NotificationKind.Mention, frequency }] })
      .expect(200);
    return user;
  }

  /** Runs the minute sweep as if it were `now` (makes due digests, queues them), and lets the sends finish. */
  async function sweepAt(now: string): Promise<void> {
    clock.now = () => at(now);
    const sentBefore = await t.em().count(NotificationDigest, { status: 'sent' } as never);
    await jobs.sweep();
    const pending = await t.em().count(NotificationDigest, { status: 'pending' } as never);
    const until = Date.now() + 15_000;
    while ((await t.em().count(NotificationDigest, { status: 'sent' } as never)) < sentBefore + pending) {
      if (Date.now() > until) throw new Error('digests were not sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const digestsOf = (user: TestUser) =>
    smtp.to(user.email).filter((m) => m.parsed.messageId?.startsWith('<digest-'));

  it('gives a digest reader in each zone exactly the events an immediate reader gets, once', async () => {
    const now = await reader(NotificationFrequency.Immediately, 'en', 'Europe/Paris');
    const paris = await reader(NotificationFrequency.Daily, 'fr', 'Europe/Paris');
    const mexico = await reader(NotificationFrequency.Daily, 'es', 'America/Mexico_City');
    const tokyo = await reader(NotificationFrequency.Weekly, 'en', 'Asia/Tokyo');
    const everyone = [now.id, paris.id, mexico.id, tokyo.id];
    const events: [string, string][] = [
      ['event-1', '2030-01-07T20:00:00Z'], // before both of Tuesday's slots
      ['event-2', '2030-01-08T06:59:00Z'], // just before 08:00 Paris
      ['event-3', '2030-01-08T07:01:00Z'], // just after 08:00 Paris, before 08:00 Mexico City
      ['event-4', '2030-01-08T13:59:00Z'],
      ['event-5', '2030-01-08T14:01:00Z'], // just after 08:00 Mexico City
      ['event-6', '2030-01-09T03:00:00Z'],
    ];
    for (const [i, [name, when]] of events.entries()) {
      await notifyAt(t, at(when), {
        ...mentionOf(everyone, actor.id, { excerpt: name, groupName: i % 2 ? 'Beta group' : 'Alpha group' }),
      });
    }

    for (const tick of [
      '2030-01-08T06:59:00Z',
      '2030-01-08T07:00:00Z',
      '2030-01-08T07:30:00Z',
      '2030-01-08T14:00:00Z',
      '2030-01-08T20:00:00Z',
      '2030-01-09T07:00:00Z',
      '2030-01-09T14:00:00Z',
      '2030-01-10T07:00:00Z',
      '2030-01-10T14:00:00Z',
      '2030-01-13T22:59:00Z',
      '2030-01-13T23:00:00Z',
      '2030-01-14T07:00:00Z',
    ])
      await sweepAt(tick);
    await smtp.waitFor(() => smtp.to(now.email).length === 6);

    const all = events.map(([name]) => name);
    const learned = (user: TestUser) => smtp.to(user.email).flatMap(eventsIn).sort();
    expect(learned(now)).toEqual(all);
    expect(learned(paris)).toEqual(all);
    expect(learned(mexico)).toEqual(all);
    expect(learned(tokyo)).toEqual(all);
    // Each digest carries what came before its 08:00, and no digest is empty.
    expect(digestsOf(paris).map(eventsIn)).toEqual([
      ['event-1', 'event-2'],
      ['event-3', 'event-5', 'event-4', 'event-6'],
    ]);
    expect(digestsOf(mexico).map((m) => [...eventsIn(m)].sort())).toEqual([
      ['event-1', 'event-2', 'event-3', 'event-4'],
      ['event-5', 'event-6'],
    ]);
    expect(digestsOf(tokyo)).toHaveLength(1);
    expect(smtp.to(paris.email)).toHaveLength(2);
    expect(smtp.to(mexico.email)).toHaveLength(2);
  }, 60_000);

  it('renders a digest in the reader’s language, grouped by group, with a one-click link for all emails', () => {
    const mail = smtp.received.find(
      (m) => m.parsed.messageId?.startsWith('<digest-') && m.parsed.subject?.startsWith('Votre'),
    )!;
    expect(mail.parsed.subject).toBe('Votre récapitulatif quotidien Convene (2)');
    const text = mail.parsed.text ?? '';
    expect(text).toContain('== Alpha group ==');
    expect(text).toContain('== Beta group ==');
    expect(text).toContain('- Rosa vous a mentionné dans Alpha group');
    expect(mail.parsed.html).toContain('<h2>Alpha group</h2>');
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const token = /unsubscribe\/([^>]+)>/.exec(rawHeader(mail, 'List-Unsubscribe') ?? '')![1];
    return t.http
      .get(`/unsubscribe/${token}`)
      .expect(200)
      .then((res) => expect(res.body.scope).toBe('all'));
  });

  it('loses and repeats nothing when the reader changes time zone between two digests', async () => {
    const mover = await reader(NotificationFrequency.Daily, 'en', 'Europe/Paris');
    const send = (name: string, when: string) =>
      notifyAt(t, at(when), mentionOf([mover.id], actor.id, { excerpt: name }));
    await send('event-21', '2030-02-05T06:00:00Z');
    await sweepAt('2030-02-05T07:00:00Z'); // 08:00 Paris: event-21
    await send('event-22', '2030-02-05T08:00:00Z');
    await setLocale(t, mover.id, 'en', 'America/Mexico_City'); // to a later zone: today's 08:00 is still ahead
    await sweepAt('2030-02-05T13:59:00Z');
    await sweepAt('2030-02-05T14:00:00Z'); // 08:00 Mexico City: event-22
    await send('event-23', '2030-02-05T15:00:00Z');
    await setLocale(t, mover.id, 'en', 'Asia/Tokyo'); // already past its 08:00 (Feb 4 23:00Z): nothing yet
    await sweepAt('2030-02-05T16:00:00Z');
    await sweepAt('2030-02-05T23:00:00Z'); // Feb 6 08:00 Tokyo: event-23
    await send('event-24', '2030-02-05T23:30:00Z');
    await setLocale(t, mover.id, 'en', 'Europe/Paris');
    await sweepAt('2030-02-06T07:00:00Z');
    await sweepAt('2030-02-07T07:00:00Z');
    expect(digestsOf(mover).map(eventsIn)).toEqual([['event-21'], ['event-22'], ['event-23'], ['event-24']]);
    const rows = await t.em().find(Notification, { recipient: mover.id });
    expect(rows.every((r) => r.digestId !== null && r.emailedAt !== null)).toBe(true);
  }, 60_000);

  it('makes one digest per slot even when two sweeps run at once', async () => {
    const twice = await reader(NotificationFrequency.Daily, 'en', 'UTC');
    await notifyAt(t, at('2030-03-05T07:00:00Z'), mentionOf([twice.id], actor.id, { excerpt: 'event-31' }));
    clock.now = () => at('2030-03-05T08:00:00Z');
    await Promise.all([jobs.sweep(), jobs.sweep(), jobs.sweep()]);
    await sweepAt('2030-03-05T08:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(digestsOf(twice).map(eventsIn)).toEqual([['event-31']]);
    expect(await t.em().count(NotificationDigest, { user: twice.id })).toBe(1);
  });
});
