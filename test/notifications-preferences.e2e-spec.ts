import { NotificationPreference } from '../src/notifications/entities/notification-preference.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { EmailDelivery } from '../src/notifications/email/email-delivery';
import { DEFAULT_FREQUENCY } from '../src/notifications/notification-kinds';
import { NotificationKind } from '../src/notifications/notifications.enums';
import { describeMatrix, MatrixRow } from './factories/access-matrix';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { createUser, TestUser } from './factories/users';
import { mentionOf, notify } from './support/notifications';
import { createTestApp, TestApp } from './support/test-app';

const KINDS = Object.values(NotificationKind);

const auditCount = (t: TestApp, action: string): Promise<number> => t.em().count(AuditEvent, { action });
const DAY = 86_400_000;

/** GET/PUT /me/notification-preferences and the signed one-click unsubscribe links. */
describe('notification preferences', () => {
  let t: TestApp;
  let me: TestUser;
  let actor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    me = await createUser(t);
    actor = await createUser(t);
  });
  afterAll(() => t.close());

  const get = async (user = me) =>
    (await t.http.get('/me/notification-preferences').set(user.auth).expect(200)).body.preferences as {
      kind: string;
      frequency: string;
      defaultFrequency: string;
      isDefault: boolean;
    }[];
  const put = (body: object, user = me) =>
    t.http.put('/me/notification-preferences').set(user.auth).send(body);

  it('lists every kind with its default when nothing was chosen (no rows)', async () => {
    const list = await get();
    expect(list.map((p) => p.kind)).toEqual(KINDS);
    expect(
      list.every((p) => p.isDefault && p.frequency === String(DEFAULT_FREQUENCY[p.kind as NotificationKind])),
    ).toBe(true);
    expect(await t.em().count(NotificationPreference, { user: me.id })).toBe(0);
  });

  it('sets some kinds, keeps the others, audits the change, and applies it to what still waits for email', async () => {
    const [waiting] = await notify(t, mentionOf([me.id], actor.id));
    const audits = await auditCount(t, 'notification_preferences.updated');
    const res = await put({
      preferences: [
        { kind: 'mention', frequency: 'weekly' },
        { kind: 'minutes_published', frequency: 'daily' },
      ],
    }).expect(200);
    const byKind = Object.fromEntries(
      (res.body.preferences as { kind: string; isDefault: boolean }[]).map((p) => [p.kind, p]),
    );
    expect(byKind.mention).toEqual({
      kind: 'mention',
      frequency: 'weekly',
      defaultFrequency: 'immediately',
      isDefault: false,
    });
    // Set explicitly at its default: a choice all the same.
    expect(byKind.minutes_published).toEqual({
      kind: 'minutes_published',
      frequency: 'daily',
      defaultFrequency: 'daily',
      isDefault: false,
    });
    expect(byKind.reply.isDefault).toBe(true);
    expect(await get()).toEqual(res.body.preferences);
    expect(await auditCount(t, 'notification_preferences.updated')).toBe(audits + 1);
    expect((await t.em().findOneOrFail(Notification, { id: waiting.id })).emailMode).toBe('weekly');
    // New notifications snapshot the choice.
    const [next] = await notify(t, mentionOf([me.id], actor.id));
    expect((await t.em().findOneOrFail(Notification, { id: next.id })).emailMode).toBe('weekly');
  });

  it.each([
    ['an unknown kind', { preferences: [{ kind: 'gossip', frequency: 'daily' }] }, 'preferences[0].kind'],
    [
      'an unknown frequency',
      {
        preferences: [
          { kind: 'reply', frequency: 'daily' },
          { kind: 'reply', frequency: 'hourly' },
        ],
      },
      'preferences[1].frequency',
    ],
    ['a missing frequency', { preferences: [{ kind: 'reply' }] }, 'preferences[0].frequency'],
    [
      'an unknown field',
      { preferences: [{ kind: 'reply', frequency: 'off', extra: 1 }] },
      'preferences[0].extra',
    ],
    ['not a list', { preferences: { reply: 'off' } }, 'preferences'],
    [
      'a kind listed twice',
      {
        preferences: [
          { kind: 'reply', frequency: 'off' },
          { kind: 'reply', frequency: 'daily' },
        ],
      },
      'preferences[1].kind',
    ],
  ])('refuses %s with 422 and the field path, changing nothing', async (_name, body, path) => {
    const before = await get();
    const res = await put(body).expect(422);
    expect(res.body.code).toBe('request.invalid');
    expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    expect(await get()).toEqual(before);
  });

  describe('unsubscribe links', () => {
    let delivery: EmailDelivery;
    let reader: TestUser;
    beforeAll(async () => {
      delivery = t.app.get(EmailDelivery);
      reader = await createUser(t);
    });
    const tokenOf = (url: string) => url.split('/unsubscribe/')[1];
    const frequencyOf = async (kind: string) => (await get(reader)).find((p) => p.kind === kind)?.frequency;

    it('GET shows what the link would do and changes nothing; POST (one-click form) sets the kind off', async () => {
      const token = tokenOf(delivery.unsubscribeUrl(reader.id, NotificationKind.Reply, new Date()));
      const preview = await t.http.get(`/unsubscribe/${token}`).expect(200);
      expect(preview.body).toMatchObject({
        scope: 'reply',
        kinds: ['reply'],
        frequency: 'off',
        applied: false,
      });
      expect(await frequencyOf('reply')).toBe('immediately');
      const audits = await auditCount(t, 'notification_preferences.updated');
      const done = await t.http
        .post(`/unsubscribe/${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(done.body).toMatchObject({ scope: 'reply', applied: true });
      expect(await frequencyOf('reply')).toBe('off');
      expect(await frequencyOf('mention')).toBe('immediately');
      expect(await auditCount(t, 'notification_preferences.updated')).toBe(audits + 1);
      // Twice is fine (a mail client may retry): still off, nothing more recorded.
      await t.http.post(`/unsubscribe/${token}`).expect(200);
      expect(await auditCount(t, 'notification_preferences.updated')).toBe(audits + 1);
    });

    it('a digest link (`all`) sets every kind off', async () => {
      const other = await createUser(t);
      const token = tokenOf(delivery.unsubscribeUrl(other.id, 'all', new Date()));
      await t.http.post(`/unsubscribe/${token}`).expect(200);
      expect((await get(other)).every((p) => p.frequency === 'off')).toBe(true);
    });

    it('answers 404 to a forged link and 410 to an expired one, changing nothing', async () => {
      const good = tokenOf(delivery.unsubscribeUrl(reader.id, NotificationKind.Mention, new Date()));
      const [payload, signature] = good.split('.');
      const otherUser = Buffer.from(`${actor.id}|mention|${Math.floor(Date.now() / 1000) + 3600}`).toString(
        'base64url',
      );
      const forged = [
        `${otherUser}.${signature}`, // someone else's id under this signature
        `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
        payload,
        'not-a-token',
        `${good}.extra`,
      ];
      for (const token of forged) {
        for (const method of ['get', 'post'] as const) {
          const res = await t.http[method](`/unsubscribe/${encodeURIComponent(token)}`).expect(404);
          expect(res.body.code).toBe('resource.not_found');
        }
      }
      const expired = tokenOf(
        delivery.unsubscribeUrl(reader.id, NotificationKind.Mention, new Date(Date.now() - 91 * DAY)),
      );
      for (const method of ['get', 'post'] as const) {
        const res = await t.http[method](`/unsubscribe/${expired}`).expect(410);
        expect(res.body.code).toBe('unsubscribe.expired');
      }
      expect(await frequencyOf('mention')).toBe('immediately');
      expect(await t.em().count(NotificationPreference, { user: actor.id })).toBe(0);
    });

    it('works for 90 days', async () => {
      const token = tokenOf(
        delivery.unsubscribeUrl(reader.id, NotificationKind.Invited, new Date(Date.now() - 89 * DAY)),
      );
      await t.http.post(`/unsubscribe/${token}`).expect(200);
      expect(await frequencyOf('invited')).toBe('off');
    });
  });
});

const signedIn = (status: number): MatrixRow['expect'] => ({
  anonymous: 401,
  outsider: status,
  observer: status,
  member: status,
  otherAnchor: status,
  anchor: status,
  steward: status,
  admin: status,
});

describeMatrix('notification preferences authorization matrix', [
  { route: 'GET /me/notification-preferences', expect: signedIn(200) },
  {
    route: 'PUT /me/notification-preferences',
    body: () => ({ preferences: [{ kind: 'reply', frequency: 'daily' }] }),
    expect: signedIn(200),
  },
]);
