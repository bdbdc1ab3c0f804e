import { NotificationDigest } from '../src/notifications/entities/notification-digest.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { EmailDelivery } from '../src/notifications/email/email-delivery';
import { NotificationFrequency, NotificationKind } from '../src/notifications/notifications.enums';
import { createUser, TestUser } from './factories/users';
import { MAIL_FROM, mentionOf, notify, notifyAt, PUBLIC_BASE_URL } from './support/notifications';
import { TestSmtp } from './support/smtp';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Delivery survives the app going away between commit and delivery: the next instance's start-up sweep (and the
 * job queue's own retry state) finish the work, exactly once.
 */
describe('notification delivery across restarts', () => {
  let owner: TestApp; // holds the database for the instances that come and go
  let smtp: TestSmtp;
  let actor: TestUser;
  const instance = (workers: boolean) =>
    createTestApp({
      databaseUrl: owner.databaseUrl,
      smtpUrl: smtp.url,
      mailFrom: MAIL_FROM,
      publicBaseUrl: PUBLIC_BASE_URL,
      notificationWorkers: workers,
      notificationRetryDelaySeconds: 1,
    });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    owner = await createTestApp();
    actor = await createUser(owner);
  });
  afterAll(async () => {
    await owner.close();
    await smtp.close();
  });

  it('delivers what committed while no worker ran, once, after a restart', async () => {
    const now = await createUser(owner);
    const later = await createUser(owner);
    await owner.http
      .put('/me/notification-preferences')
      .set(later.auth)
      .send({ preferences: [{ kind: NotificationKind.Mention, frequency: NotificationFrequency.Daily }] })
      .expect(200);

    // An instance without workers commits, and even makes a digest (marks its notifications), then goes away
    // before anything is sent: the crash window between commit and delivery, and between marking and sending.
    const first = await instance(false);
    const [immediate] = await notify(first, mentionOf([now.id], actor.id, { excerpt: 'after restart' }));
    const [digested] = await notifyAt(
      first,
      new Date(Date.now() - 2 * 86_400_000),
      mentionOf([later.id], actor.id, { excerpt: 'in the digest' }),
    );
    const [digestId] = await first.app.get(EmailDelivery).makeDueDigests(new Date());
    await first.close();
    expect(digestId).toBeDefined();
    expect(smtp.received).toHaveLength(0);
    expect((await owner.em().findOneOrFail(Notification, { id: immediate.id })).emailedAt).toBeNull();
    expect((await owner.em().findOneOrFail(NotificationDigest, { id: digestId })).status).toBe('pending');

    const second = await instance(true);
    try {
      await smtp.waitFor(() => smtp.to(now.email).length === 1 && smtp.to(later.email).length === 1);
      expect(smtp.to(now.email)[0].parsed.text).toContain('after restart');
      expect(smtp.to(later.email)[0].parsed.text).toContain('in the digest');
      await settle();
    } finally {
      await second.close();
    }
    const digest = await owner.em().findOneOrFail(NotificationDigest, { id: digestId });
    expect(digest.status).toBe('sent');
    expect((await owner.em().findOneOrFail(Notification, { id: digested.id })).emailedAt).not.toBeNull();

    // A further restart repeats nothing.
    const third = await instance(true);
    await settle();
    await third.close();
    expect(smtp.to(now.email)).toHaveLength(1);
    expect(smtp.to(later.email)).toHaveLength(1);
  }, 60_000);

  it('finishes a delivery whose job was failing when its instance stopped, once', async () => {
    const reader = await createUser(owner);
    smtp.refuse = (to) => to.includes(reader.email);
    const first = await instance(true);
    let added: { id: string }[] = [];
    try {
      added = await notify(first, mentionOf([reader.id], actor.id, { excerpt: 'refused, then restarted' }));
      await smtp.waitFor(() => smtp.refusals >= 1);
    } finally {
      await first.close();
    }
    expect((await owner.em().findOneOrFail(Notification, { id: added[0].id })).emailedAt).toBeNull();
    smtp.refuse = () => false;
    const second = await instance(true);
    try {
      await smtp.waitFor(() => smtp.to(reader.email).length === 1, 20_000);
      await settle();
      expect(smtp.to(reader.email)).toHaveLength(1);
    } finally {
      await second.close();
    }
    expect((await owner.em().findOneOrFail(Notification, { id: added[0].id })).emailedAt).not.toBeNull();
  }, 60_000);
});
