import { Client } from 'pg';
import { User } from '../src/users/entities/user.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationPreference } from '../src/notifications/entities/notification-preference.entity';
import { NOTIFICATION_CHANNEL, NotificationOutbox } from '../src/notifications/notification-outbox';
import {
  NotificationFrequency,
  NotificationKind,
  NotificationSubjectType,
} from '../src/notifications/notifications.enums';
import { DEFAULT_FREQUENCY } from '../src/notifications/notification-kinds';
import { createGroup } from './factories/groups';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/** The transactional outbox: rows commit or roll back with their change, and NOTIFY only announces committed rows. */
describe('notification outbox', () => {
  let t: TestApp;
  let outbox: NotificationOutbox;
  let listener: Client;
  const announced: string[] = [];
  let actor: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let disabled: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    outbox = t.app.get(NotificationOutbox);
    listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    listener.on('notification', (message) => announced.push(message.payload ?? ''));
    await listener.query(`listen ${NOTIFICATION_CHANNEL}`);
    [actor, alice, bob, disabled] = [
      await createUser(t),
      await createUser(t),
      await createUser(t),
      await createUser(t),
    ];
    await t.em().nativeUpdate(User, { id: disabled.id }, { disabled: true });
    const em = t.em();
    em.create(NotificationPreference, {
      user: bob.id,
      kind: NotificationKind.Mention,
      frequency: NotificationFrequency.Weekly,
    });
    await em.flush();
  });
  afterAll(async () => {
    await listener.end();
    await t.close();
  });

  const mention = (
    recipientIds: string[],
    extra: Partial<Parameters<NotificationOutbox['add']>[1]> = {},
  ) => ({
    kind: NotificationKind.Mention,
    recipientIds,
    actorId: actor.id,
    groupId: null,
    subject: { type: NotificationSubjectType.Message, id: '00000000-0000-4000-8000-000000000001' },
    params: { groupName: 'Open data', channelName: 'general', excerpt: 'hello' },
    ...extra,
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it('writes one row per distinct enabled recipient but the actor, with each one’s email preference', async () => {
    announced.length = 0;
    const group = await createGroup(t);
    const added = await t
      .em()
      .transactional((em) =>
        outbox.add(em, mention([alice.id, bob.id, alice.id, actor.id, disabled.id], { groupId: group.id })),
      );
    expect(added.map((a) => a.recipientId).sort()).toEqual([alice.id, bob.id].sort());
    const rows = await t.em().find(Notification, { id: added.map((a) => a.id) });
    const modeOf = Object.fromEntries(rows.map((r) => [r.recipient.id, r.emailMode]));
    expect(modeOf).toEqual({
      [alice.id]: DEFAULT_FREQUENCY[NotificationKind.Mention],
      [bob.id]: NotificationFrequency.Weekly,
    });
    expect(
      rows.every((r) => r.group?.id === group.id && r.actor?.id === actor.id && r.params.excerpt === 'hello'),
    ).toBe(true);
    await settle();
    expect(announced.sort()).toEqual(added.map((a) => `${a.recipientId}:${a.id}`).sort());
  });

  it('writes and announces nothing when the change rolls back', async () => {
    announced.length = 0;
    const before = await t.em().count(Notification, {});
    await expect(
      t.em().transactional(async (em) => {
        await outbox.add(em, mention([alice.id]));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await settle();
    expect(await t.em().count(Notification, {})).toBe(before);
    expect(announced).toEqual([]);
  });

  it('makes a notification with a dedupe key at most once per recipient', async () => {
    const once = mention([alice.id, bob.id], {
      kind: NotificationKind.MeetingReminder,
      dedupeKey: 'reminder:x:1:24h',
      actorId: null,
    });
    const first = await t.em().transactional((em) => outbox.add(em, once));
    const second = await t
      .em()
      .transactional((em) => outbox.add(em, { ...once, recipientIds: [alice.id, bob.id, actor.id] }));
    expect(first).toHaveLength(2);
    expect(second.map((a) => a.recipientId)).toEqual([actor.id]);
    expect(await t.em().count(Notification, { dedupeKey: 'reminder:x:1:24h' })).toBe(3);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(outbox.add(t.em(), mention([alice.id]))).rejects.toThrow(/transaction/);
  });
});
