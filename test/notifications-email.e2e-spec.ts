import { Notification } from '../src/notifications/entities/notification.entity';
import { EmailDelivery } from '../src/notifications/email/email-delivery';
import { Translator } from '../src/notifications/i18n/translator';
import {
  NotificationFrequency,
  NotificationKind,
  NotificationSubjectType,
} from '../src/notifications/notifications.enums';
import { NotificationJobs, QUEUES } from '../src/notifications/queue/notification-jobs';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { GroupRole } from '../src/groups/groups.enums';
import { addMember, createGroup } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createUser, TestUser } from './factories/users';
import {
  icsSummary,
  invitationOf,
  MAIL_FROM,
  mentionOf,
  notify,
  PUBLIC_BASE_URL,
  rawHeader,
  setLocale,
  unsubscribeToken,
} from './support/notifications';
import { TestSmtp } from './support/smtp';
import { createTestApp, TestApp } from './support/test-app';

/** Immediate emails against a real SMTP server: languages, parts, headers, invitations, retries, exactly once. */
describe('notification emails', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let actor: TestUser;
  let ana: TestUser; // es, Mexico City
  let zoe: TestUser; // fr, Paris
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await createTestApp({
      smtpUrl: smtp.url,
      mailFrom: MAIL_FROM,
      publicBaseUrl: PUBLIC_BASE_URL,
      notificationWorkers: true,
      notificationRetryDelaySeconds: 1,
    });
    actor = await createUser(t, { displayName: 'Rosa <b>&</b>' });
    ana = await createUser(t, { displayName: 'Ana' });
    zoe = await createUser(t, { displayName: 'Zoé' });
    await setLocale(t, ana.id, 'es-MX', 'America/Mexico_City');
    await setLocale(t, zoe.id, 'fr', 'Europe/Paris');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const byMessageId = (id: string) => smtp.received.filter((m) => m.parsed.messageId === `<${id}@convene>`);

  it('runs the job queue with the app', () => {
    expect(t.app.get(NotificationJobs).running).toBe(true);
  });

  it('mails a mention once per recipient, in Spanish and French, with text and escaped HTML parts', async () => {
    const added = await notify(
      t,
      mentionOf([ana.id, zoe.id], actor.id, { excerpt: 'mira <script>alert(1)</script> & co' }),
    );
    await smtp.waitFor(() => added.every((a) => byMessageId(a.id).length === 1));
    const [toAna] = smtp.to(ana.email);
    const [toZoe] = smtp.to(zoe.email);
    expect(toAna.parsed.subject).toBe('Rosa <b>&</b> te mencionó en Open data');
    expect(toZoe.parsed.subject).toBe('Rosa <b>&</b> vous a mentionné dans Open data');
    expect(toAna.parsed.text).toContain('Hola Ana:');
    expect(toAna.parsed.text).toContain(
      'Rosa <b>&</b> te mencionó en #general: «mira <script>alert(1)</script> & co»',
    );
    expect(toZoe.parsed.text).toContain('Bonjour Zoé,');
    const html = toAna.parsed.html as string;
    expect(html).toContain('mira &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).toContain('Rosa &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<b>/);
    expect(toAna.parsed.from?.value).toEqual([{ name: 'Convene', address: 'no-reply@convene.test' }]);
    // RFC 8058 one-click unsubscribe on every email
    expect(rawHeader(toAna, 'List-Unsubscribe')).toMatch(/^<https:\/\/convene\.test\/unsubscribe\/[\w.-]+>$/);
    expect(rawHeader(toAna, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const rows = await t.em().find(Notification, { id: added.map((a) => a.id) });
    expect(rows.every((r) => r.emailedAt instanceof Date)).toBe(true);
    await settle();
    expect(added.map((a) => byMessageId(a.id).length)).toEqual([1, 1]);
  });

  it('honours the one-click link of a received email: that kind is off, the next one is not mailed', async () => {
    const reader = await createUser(t);
    const [first] = await notify(t, mentionOf([reader.id], actor.id, { excerpt: 'before unsubscribing' }));
    await smtp.waitFor(() => byMessageId(first.id).length === 1);
    const token = unsubscribeToken(byMessageId(first.id)[0]);
    await t.http.post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const [second] = await notify(t, mentionOf([reader.id], actor.id, { excerpt: 'after unsubscribing' }));
    expect((await t.em().findOneOrFail(Notification, { id: second.id })).emailMode).toBe('off');
    await settle();
    expect(smtp.to(reader.email)).toHaveLength(1);
  });

  it('formats times in the reader’s zone and locale, English when the locale has no catalogue', async () => {
    const reader = await createUser(t, { displayName: 'Pedro' });
    await setLocale(t, reader.id, 'pt-BR', 'America/Sao_Paulo');
    const group = await createGroup(t, { name: 'Fiscal openness' });
    const startsAt = '2027-03-04T15:30:00.000Z';
    const rows = await notify(t, {
      kind: NotificationKind.MeetingScheduled,
      recipientIds: [reader.id, zoe.id],
      actorId: actor.id,
      groupId: group.id,
      subject: { type: NotificationSubjectType.Meeting, id: '00000000-0000-4000-8000-000000000002' },
      params: { groupName: group.name, meetingTitle: 'Budget', startsAt, timeZone: 'Europe/Paris' },
    });
    const added = rows.find((r) => r.recipientId === reader.id)!;
    await setPreference(reader, NotificationKind.MeetingScheduled, NotificationFrequency.Immediately);
    // The preference applies to what still waits: the row (daily by default) is now immediate; the sweep sends it.
    expect((await t.em().findOneOrFail(Notification, { id: added.id })).emailMode).toBe('immediately');
    await t.app.get(EmailDelivery).deliverImmediate(added.id);
    const [mail] = smtp.to(reader.email);
    expect(mail.parsed.subject).toBe('New meeting: Budget');
    expect(mail.parsed.text).toContain(
      `Budget (Fiscal openness) is scheduled for ${Translator.formatInstant(new Date(startsAt), 'pt-BR', 'America/Sao_Paulo')}.`,
    );
    expect(mail.parsed.text).toContain('quinta-feira'); // Intl in the reader's locale, the sentence in English
  });

  async function setPreference(user: TestUser, kind: NotificationKind, frequency: NotificationFrequency) {
    await t.http
      .put('/me/notification-preferences')
      .set(user.auth)
      .send({ preferences: [{ kind, frequency }] })
      .expect(200);
  }

  describe('meeting invitations', () => {
    let meeting: Meeting;
    let member: TestUser;

    beforeAll(async () => {
      const group = await createGroup(t, { name: 'Open contracting' });
      member = await createUser(t, { displayName: 'Mia' });
      await setLocale(t, member.id, 'es', 'Europe/Madrid');
      await addMember(t, group, member, GroupRole.Member);
      meeting = await insertMeeting(t, group, actor, { title: 'Plenary', timeZone: 'Europe/Madrid' });
      await t.em().nativeUpdate(Meeting, { id: meeting.id }, { sequence: 3 });
    });

    const meetingParams = () => ({
      groupName: 'Open contracting',
      meetingTitle: 'Plenary',
      startsAt: meeting.startsAt.toISOString(),
      timeZone: 'Europe/Madrid',
    });
    const served = async () =>
      icsSummary((await t.http.get(`/meetings/${meeting.id}/ics`).set(member.auth).expect(200)).text);

    it('attaches METHOD:REQUEST with the UID and SEQUENCE of GET /meetings/:id/ics when a meeting moves', async () => {
      const [added] = await notify(t, {
        kind: NotificationKind.MeetingMoved,
        recipientIds: [member.id],
        actorId: actor.id,
        groupId: meeting.group.id,
        subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
        params: { ...meetingParams(), previousStartsAt: '2027-01-01T10:00:00.000Z' },
      });
      await smtp.waitFor(() => byMessageId(added.id).length === 1);
      const [mail] = byMessageId(added.id);
      expect(mail.parsed.subject).toBe('Reunión cambiada: Plenary');
      const ics = await served();
      expect(invitationOf(mail)).toEqual({ method: 'REQUEST', uid: ics.uid, sequence: ics.sequence });
      expect(ics).toEqual({ method: '', uid: `${meeting.id}@convene`, sequence: 3 });
      expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    });

    it('attaches METHOD:CANCEL, same UID, current SEQUENCE, when it is cancelled', async () => {
      await t
        .em()
        .nativeUpdate(Meeting, { id: meeting.id }, { status: MeetingStatus.Cancelled, sequence: 4 });
      const [added] = await notify(t, {
        kind: NotificationKind.MeetingCancelled,
        recipientIds: [member.id],
        actorId: actor.id,
        groupId: meeting.group.id,
        subject: { type: NotificationSubjectType.Meeting, id: meeting.id },
        params: { ...meetingParams(), reason: 'Room unavailable' },
      });
      await smtp.waitFor(() => byMessageId(added.id).length === 1);
      const [mail] = byMessageId(added.id);
      expect(mail.parsed.subject).toBe('Reunión cancelada: Plenary');
      expect(mail.parsed.text).toContain('Motivo: Room unavailable');
      const ics = await served();
      expect(invitationOf(mail)).toEqual({ method: 'CANCEL', uid: `${meeting.id}@convene`, sequence: 4 });
      expect(ics.sequence).toBe(4);
    });

    it('attaches no invitation to a mention', () => {
      const mention = smtp.to(ana.email)[0];
      expect(invitationOf(mention)).toBeNull();
    });
  });

  it('retries with backoff while the SMTP server refuses, marks nothing, and others go on; then sends once', async () => {
    const refused = await createUser(t);
    smtp.refuse = (to) => to.includes(refused.email) && smtp.refusals < 2;
    try {
      const added = await notify(t, mentionOf([refused.id, zoe.id], actor.id, { excerpt: 'retry me' }));
      const mine = added.find((a) => a.recipientId === refused.id)!;
      const other = added.find((a) => a.recipientId === zoe.id)!;
      await smtp.waitFor(() => smtp.refusals >= 1 && byMessageId(other.id).length === 1);
      expect(byMessageId(mine.id)).toHaveLength(0);
      expect((await t.em().findOneOrFail(Notification, { id: mine.id })).emailedAt).toBeNull();
      await smtp.waitFor(() => byMessageId(mine.id).length === 1, 30_000);
      expect(smtp.refusals).toBe(2);
      await waitUntil(
        async () => (await t.em().findOneOrFail(Notification, { id: mine.id })).emailedAt !== null,
      );
      await settle();
      expect(byMessageId(mine.id)).toHaveLength(1);
    } finally {
      smtp.refuse = () => false;
    }
  }, 45_000);

  it('sends one email when the delivery job runs twice, or three times at once', async () => {
    const once = await createUser(t);
    const [added] = await notify(t, mentionOf([once.id], actor.id, { excerpt: 'once' }));
    const delivery = t.app.get(EmailDelivery);
    const outcomes = await Promise.all([
      delivery.deliverImmediate(added.id),
      delivery.deliverImmediate(added.id),
      delivery.deliverImmediate(added.id),
    ]);
    await smtp.waitFor(() => byMessageId(added.id).length === 1);
    expect(outcomes.filter((o) => o === 'sent').length).toBeLessThanOrEqual(1);
    await t.app.get(NotificationJobs).enqueueEmails([added.id, added.id]);
    expect(await delivery.deliverImmediate(added.id)).toBe('nothing_to_do');
    await settle();
    expect(byMessageId(added.id)).toHaveLength(1);
  });

  it('mails nothing for daily, weekly or off notifications right away', async () => {
    const quiet = await createUser(t);
    for (const frequency of [NotificationFrequency.Daily, NotificationFrequency.Off])
      await setPreference(quiet, NotificationKind.Mention, frequency);
    const [added] = await notify(t, mentionOf([quiet.id], actor.id));
    expect(await t.app.get(EmailDelivery).deliverImmediate(added.id)).toBe('nothing_to_do');
    await settle();
    expect(smtp.to(quiet.email)).toHaveLength(0);
  });

  it('drops the email of someone who left the group since (it would tell what they may no longer see)', async () => {
    const group = await createGroup(t);
    const leaver = await createUser(t);
    await addMember(t, group, leaver, GroupRole.Member, 'left' as never);
    const [added] = await notify(t, { ...mentionOf([leaver.id], actor.id), groupId: group.id });
    expect(await t.app.get(EmailDelivery).deliverImmediate(added.id)).toBe('dropped');
    await settle();
    expect(smtp.to(leaver.email)).toHaveLength(0);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notification emails without SMTP', () => {
  it('keeps notifications in-app only: the queue runs the scheduled tasks, nothing is queued for email', async () => {
    const t = await createTestApp({ notificationWorkers: true });
    try {
      const [user, actor] = [await createUser(t), await createUser(t)];
      const [added] = await notify(t, mentionOf([user.id], actor.id));
      // Reminders and other scheduled notifications are in-app too, so the queue runs for them; email has none.
      expect(t.app.get(NotificationJobs).running).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300)); // a wake-up would have queued by now
      const [queues] = await t.em().execute<{ email: string; digest: string; jobs: string }[]>(
        `select (select count(*) from pgboss.queue where name = ?) as email,
                  (select count(*) from pgboss.queue where name = ?) as digest,
                  (select count(*) from pgboss.job where name in (?, ?)) as jobs`,
        [QUEUES.email, QUEUES.digest, QUEUES.email, QUEUES.digest],
      );
      expect(queues).toEqual({ email: '0', digest: '0', jobs: '0' });
      expect((await t.em().findOneOrFail(Notification, { id: added.id })).emailedAt).toBeNull();
    } finally {
      await t.close();
    }
  });
});
