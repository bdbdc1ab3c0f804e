import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { User } from '../src/users/entities/user.entity';
import {
  NotificationListener,
  LISTENER_APPLICATION_NAME,
} from '../src/notifications/live/notification-listener';
import { NotificationOutbox } from '../src/notifications/notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import {
  closeAllSockets,
  collect,
  connectAs,
  generalChannelId,
  joinOk,
  sendOk,
  until,
} from './factories/discussion';
import { addMember, createGroup } from './factories/groups';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { useTwoInstances } from './support/two-instances';

interface Wire {
  id: string;
  kind: string;
  title: string;
  [key: string]: unknown;
}

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** One notification for `user` through the outbox, committed (or rolled back when `fail`). */
async function notify(t: TestApp, user: TestUser, fail = false): Promise<string | null> {
  const outbox = t.app.get(NotificationOutbox);
  const run = t.em().transactional(async (em) => {
    const [added] = await outbox.add(em, {
      kind: NotificationKind.JoinApproved,
      recipientIds: [user.id],
      actorId: null,
      groupId: null,
      subject: { type: NotificationSubjectType.Membership, id: randomUUID() },
      params: { groupName: 'Open data' },
    });
    if (fail) throw new Error('the change failed');
    return added.id;
  });
  if (!fail) return run;
  await expect(run).rejects.toThrow('the change failed');
  return null;
}

describe('notifications: live push on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => closeAllSockets());

  it('every tab of the recipient gets notification:new once, in the list’s shape and their language', async () => {
    const [user, other] = [await createUser(t), await createUser(t)];
    await t.em().nativeUpdate(User, { id: user.id }, { locale: 'es' });
    const tabs = [await connectAs(t, user), await connectAs(t, user)];
    const otherTab = await connectAs(t, other);
    const got = tabs.map((tab) => collect<Wire>(tab, 'notification:new'));
    const otherGot = collect<Wire>(otherTab, 'notification:new');
    const id = await notify(t, user);
    await until(() => got.every((list) => list.length === 1), 5_000, 'both tabs');
    await settle();
    const listed = (await t.http.get('/me/notifications').set(user.auth).expect(200)).body.items[0];
    for (const list of got) {
      expect(list).toHaveLength(1);
      expect(list[0]).toEqual(listed);
      expect(list[0]).toMatchObject({ id, title: 'Se aprobó tu solicitud para unirte a Open data' });
    }
    expect(otherGot).toEqual([]);
  });

  it('reading in one tab tells the other tabs (notification:read), by ids or upTo', async () => {
    const user = await createUser(t);
    const [a, b] = [await connectAs(t, user), await connectAs(t, user)];
    const reads = collect<unknown>(b, 'notification:read');
    const news = collect<Wire>(a, 'notification:new');
    const first = await notify(t, user);
    const second = await notify(t, user);
    await until(() => news.length === 2, 5_000, 'two notifications');
    await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [first] })
      .expect(200);
    await t.http.post('/me/notifications/read').set(user.auth).send({ upTo: second }).expect(200);
    await until(() => reads.length === 2, 5_000, 'two reads');
    expect(reads).toEqual([{ ids: [first] }, { upTo: second }]);
    // A refused read (someone else's id) tells nobody.
    const stranger = await createUser(t);
    const theirs = await notify(t, stranger);
    await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [theirs] })
      .expect(404);
    await settle();
    expect(reads).toHaveLength(2);
  });

  it('a change that rolls back pushes nothing', async () => {
    const user = await createUser(t);
    const tab = await connectAs(t, user);
    const got = collect<Wire>(tab, 'notification:new');
    await notify(t, user, true);
    await settle(600);
    expect(got).toEqual([]);
  });

  it('a mention sent over the socket reaches the mentioned member’s tab live', async () => {
    const group = await createGroup(t);
    const [author, reader] = [await createUser(t), await createUser(t)];
    await addMember(t, group, author);
    await addMember(t, group, reader);
    const channelId = await generalChannelId(t, author, group.slug);
    const authorTab = await connectAs(t, author);
    await joinOk(authorTab, channelId);
    const readerTab = await connectAs(t, reader);
    const got = collect<Wire>(readerTab, 'notification:new');
    const authorGot = collect<Wire>(authorTab, 'notification:new');
    const message = await sendOk(authorTab, {
      channelId,
      clientMessageId: randomUUID(),
      body: `@${reader.displayName} look`,
    });
    await until(() => got.length === 1, 5_000, 'the mention');
    expect(got[0]).toMatchObject({ kind: 'mention', subject: { type: 'message', id: message.id } });
    await settle();
    expect(authorGot).toEqual([]);
  });

  it('reopens its LISTEN connection when it is dropped, and pushes again', async () => {
    const listener = t.app.get(NotificationListener);
    const user = await createUser(t);
    const tab = await connectAs(t, user);
    const got = collect<Wire>(tab, 'notification:new');
    const before = listener.connections;
    const admin = new Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where application_name = $1 and datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      );
      expect(killed.rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await until(() => listener.connections === before + 1 && listener.listening, 10_000, 'a new connection');
    await notify(t, user);
    await until(() => got.length === 1, 5_000, 'a push after reconnecting');
  });
});

describe('notifications: live push with two instances (Redis adapter)', () => {
  const { a, b } = useTwoInstances();
  afterEach(() => closeAllSockets());

  it('tabs on both instances get notification:new exactly once; a read on one reaches the other', async () => {
    const user = await createUser(a);
    const [onA, onB] = [await connectAs(a, user), await connectAs(b, user)];
    const [gotA, gotB] = [collect<Wire>(onA, 'notification:new'), collect<Wire>(onB, 'notification:new')];
    const readsB = collect<unknown>(onB, 'notification:read');
    const id = await notify(a, user);
    await until(() => gotA.length === 1 && gotB.length === 1, 5_000, 'one push per tab');
    await settle(600);
    expect(gotA.map((n) => n.id)).toEqual([id]);
    expect(gotB.map((n) => n.id)).toEqual([id]);
    await a.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [id] })
      .expect(200);
    await until(() => readsB.length === 1, 5_000, 'the read on the other instance');
    expect(readsB).toEqual([{ ids: [id] }]);
  });
});
