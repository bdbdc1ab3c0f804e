import { randomUUID } from 'node:crypto';
import { DomainHooks } from '../src/common/events/hooks';
import { ConflictError } from '../src/common/errors/domain-error';
import { Message } from '../src/discussion/entities/message.entity';
import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationOutbox } from '../src/notifications/notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { User } from '../src/users/entities/user.entity';
import { describeMatrix } from './factories/access-matrix';
import {
  AckError,
  AckOk,
  closeAllSockets,
  connectAs,
  emitAck,
  generalChannelId,
  joinOk,
  sendOk,
} from './factories/discussion';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { createUser, TestUser } from './factories/users';
import type { TestApp } from './support/test-app';

interface Wire {
  id: string;
  kind: string;
  groupSlug: string | null;
  subject: { type: string; id: string | null };
  actor: { id: string; displayName: string } | null;
  title: string;
  createdAt: string;
  readAt: string | null;
}

const list = async (
  t: TestApp,
  user: TestUser,
  query = '',
): Promise<{ items: Wire[]; nextCursor: string | null }> =>
  (await t.http.get(`/me/notifications${query}`).set(user.auth).expect(200)).body as never;
const count = async (t: TestApp, user: TestUser): Promise<number> =>
  (await t.http.get('/me/notifications/count').set(user.auth).expect(200)).body.unread as number;
const rowsOf = (t: TestApp, user: TestUser): Promise<Notification[]> =>
  t.em().find(Notification, { recipient: user.id }, { orderBy: { createdAt: 'asc' } });

describe('notifications: producers', () => {
  const { t, cast } = useGroupCast();
  /** While set, a test handler registered after the notifications context vetoes the change (it rolls back). */
  const veto = { membership: false, messages: false };
  beforeAll(() => {
    const hooks = t.app.get(DomainHooks);
    hooks.onTransaction('membership.changed', () => {
      if (veto.membership) throw new ConflictError('vetoed by the test');
      return Promise.resolve();
    });
    hooks.onTransaction('messages.committed', () => {
      if (veto.messages) throw new ConflictError('vetoed by the test');
      return Promise.resolve();
    });
  });
  afterEach(() => closeAllSockets());

  const members = (group: WorkingGroup): string => `/working-groups/${group.slug}/members`;
  /** A fresh approval group anchored by the cast's two anchors. */
  async function anchoredGroup(fields: Parameters<typeof createGroup>[1] = {}): Promise<WorkingGroup> {
    const group = await createGroup(t, fields);
    await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
    await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
    return group;
  }

  it('a join request tells the active anchors (not the requester), with the requester’s name', async () => {
    const group = await anchoredGroup();
    const formerAnchor = await createUser(t);
    await addMember(t, group, formerAnchor, GroupRole.Anchor, MembershipStatus.Left);
    const requester = await createUser(t);
    await t.http.post(members(group)).set(requester.auth).send({}).expect(201);
    for (const anchor of [cast.governmentAnchor, cast.civilSocietyAnchor]) {
      const [item] = (await list(t, anchor)).items.filter((n) => n.groupSlug === group.slug);
      expect(item).toEqual({
        id: expect.any(String),
        kind: 'join_requested',
        groupSlug: group.slug,
        subject: { type: 'membership', id: expect.any(String) },
        actor: { id: requester.id, displayName: requester.displayName },
        title: `${requester.displayName} asked to join ${group.name}`,
        createdAt: expect.any(String),
        readAt: null,
      });
    }
    expect(await rowsOf(t, requester)).toEqual([]);
    expect(await rowsOf(t, formerAnchor)).toEqual([]);
  });

  it('approval and rejection tell the requester, never the anchor who decided', async () => {
    const group = await anchoredGroup();
    const [approved, rejected] = [await createUser(t), await createUser(t)];
    for (const u of [approved, rejected]) await t.http.post(members(group)).set(u.auth).send({}).expect(201);
    const before = (await rowsOf(t, cast.governmentAnchor)).length;
    await t.http
      .patch(`${members(group)}/${approved.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'active' })
      .expect(200);
    await t.http
      .patch(`${members(group)}/${rejected.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'rejected' })
      .expect(200);
    expect((await list(t, approved)).items.map((n) => [n.kind, n.title, n.actor?.id])).toEqual([
      ['join_approved', `Your request to join ${group.name} was approved`, cast.governmentAnchor.id],
    ]);
    expect((await list(t, rejected)).items.map((n) => [n.kind, n.title])).toEqual([
      ['join_rejected', `Your request to join ${group.name} was declined`],
    ]);
    // The deciding anchor learns nothing new (the two requests told them already).
    expect((await rowsOf(t, cast.governmentAnchor)).length).toBe(before);
  });

  it('an anchor inviting someone who had asked approves them; a steward adding a requester too', async () => {
    const group = await anchoredGroup();
    const [asked, askedToo] = [await createUser(t), await createUser(t)];
    for (const u of [asked, askedToo]) await t.http.post(members(group)).set(u.auth).send({}).expect(201);
    await t.http
      .post(members(group))
      .set(cast.civilSocietyAnchor.auth)
      .send({ userId: asked.id })
      .expect(201);
    await t.http.post(members(group)).set(cast.steward.auth).send({ userId: askedToo.id }).expect(201);
    expect((await list(t, asked)).items.map((n) => n.kind)).toEqual(['join_approved']);
    expect((await list(t, askedToo)).items.map((n) => [n.kind, n.actor?.id])).toEqual([
      ['join_approved', cast.steward.id],
    ]);
    // A steward adding someone who never asked is no answer to a request: nothing to tell.
    const added = await createUser(t);
    await t.http.post(members(group)).set(cast.steward.auth).send({ userId: added.id }).expect(201);
    expect(await rowsOf(t, added)).toEqual([]);
  });

  it('an invitation tells the invitee, with the role, in their language', async () => {
    const group = await anchoredGroup();
    const invitee = await createUser(t);
    await t.em().nativeUpdate(User, { id: invitee.id }, { locale: 'fr-CA' });
    await t.http
      .post(members(group))
      .set(cast.governmentAnchor.auth)
      .send({ userId: invitee.id, role: 'observer' })
      .expect(201);
    const [item] = (await list(t, invitee)).items;
    expect(item.kind).toBe('invited');
    expect(item.title).toBe(
      `${cast.governmentAnchor.displayName} vous invite à rejoindre ${group.name} en tant que observateur`,
    );
    // Accepting is the invitee's own act: nobody is told.
    const anchorsBefore = (await rowsOf(t, cast.governmentAnchor)).length;
    await t.http.post(members(group)).set(invitee.auth).send({}).expect(201);
    expect((await rowsOf(t, cast.governmentAnchor)).length).toBe(anchorsBefore);
  });

  it('a membership change that rolls back writes no notification', async () => {
    const group = await anchoredGroup();
    const requester = await createUser(t);
    const total = await t.em().count(Notification, {});
    veto.membership = true;
    try {
      await t.http.post(members(group)).set(requester.auth).send({}).expect(409);
    } finally {
      veto.membership = false;
    }
    expect(await t.em().count(Notification, {})).toBe(total);
  });

  describe('mentions and replies', () => {
    let channelId: string;
    beforeAll(async () => {
      channelId = await generalChannelId(t, cast.member, cast.group.slug);
    });
    const socketOf = async (user: TestUser) => {
      const socket = await connectAs(t, user);
      await joinOk(socket, channelId);
      return socket;
    };

    it('a mention tells each mentioned member once, never the author mentioning themselves', async () => {
      const member = await socketOf(cast.member);
      const body = `hello @${cast.governmentAnchor.displayName} and @${cast.civilSocietyAnchor.displayName}, says @${cast.member.displayName}`;
      const message = await sendOk(member, { channelId, clientMessageId: randomUUID(), body });
      for (const anchor of [cast.governmentAnchor, cast.civilSocietyAnchor]) {
        const items = (await list(t, anchor)).items.filter((n) => n.subject.id === message.id);
        expect(items).toEqual([
          {
            id: expect.any(String),
            kind: 'mention',
            groupSlug: cast.group.slug,
            subject: { type: 'message', id: message.id },
            actor: { id: cast.member.id, displayName: cast.member.displayName },
            title: `${cast.member.displayName} mentioned you in #general (${cast.group.name})`,
            createdAt: expect.any(String),
            readAt: null,
          },
        ]);
      }
      expect(await t.em().count(Notification, { subjectId: message.id, recipient: cast.member.id })).toBe(0);
      const [row] = await t
        .em()
        .find(Notification, { subjectId: message.id, recipient: cast.governmentAnchor.id });
      expect(row.params).toEqual({ groupName: cast.group.name, channelName: 'general', excerpt: body });
    });

    it('a reply tells the parent’s author; one who is also mentioned gets only the mention', async () => {
      const [anchor, member] = [await socketOf(cast.governmentAnchor), await socketOf(cast.member)];
      const parent = await sendOk(anchor, { channelId, clientMessageId: randomUUID(), body: 'a question' });
      const plain = await sendOk(member, {
        channelId,
        clientMessageId: randomUUID(),
        body: 'an answer',
        parentId: parent.id,
      });
      const mentioning = await sendOk(member, {
        channelId,
        clientMessageId: randomUUID(),
        body: `@${cast.governmentAnchor.displayName} another answer`,
        parentId: parent.id,
      });
      const kindsFor = async (messageId: string) =>
        (await t.em().find(Notification, { subjectId: messageId })).map((n) => [n.kind, n.recipient.id]);
      expect(await kindsFor(plain.id)).toEqual([['reply', cast.governmentAnchor.id]]);
      expect(await kindsFor(mentioning.id)).toEqual([['mention', cast.governmentAnchor.id]]);
      const [reply] = (await list(t, cast.governmentAnchor)).items.filter((n) => n.subject.id === plain.id);
      expect(reply.title).toBe(
        `${cast.member.displayName} replied to your message in #general (${cast.group.name})`,
      );
      // Answering oneself tells nobody.
      const own = await sendOk(anchor, {
        channelId,
        clientMessageId: randomUUID(),
        body: 'me',
        parentId: parent.id,
      });
      expect(await kindsFor(own.id)).toEqual([]);
    });

    it('a reply to someone who left the group tells nobody; a refused message tells nobody', async () => {
      const leaver = await createUser(t);
      await addMember(t, cast.group, leaver);
      const leaverSocket = await socketOf(leaver);
      const parent = await sendOk(leaverSocket, { channelId, clientMessageId: randomUUID(), body: 'bye' });
      await t.http
        .delete(`/working-groups/${cast.group.slug}/members/${leaver.id}`)
        .set(leaver.auth)
        .expect(200);
      const member = await socketOf(cast.member);
      const reply = await sendOk(member, {
        channelId,
        clientMessageId: randomUUID(),
        body: 'ok',
        parentId: parent.id,
      });
      expect(await t.em().count(Notification, { subjectId: reply.id })).toBe(0);
      // An observer may not post: the refused message stores nothing and tells nobody.
      const observer = await socketOf(cast.observer);
      const total = await t.em().count(Notification, {});
      const refused = await emitAck<AckError>(observer, 'message:send', {
        channelId,
        clientMessageId: randomUUID(),
        body: `@${cast.governmentAnchor.displayName} hi`,
      });
      expect(refused.ok).toBe(false);
      expect(await t.em().count(Notification, {})).toBe(total);
    });

    it('a send batch that rolls back stores neither its messages nor their notifications', async () => {
      const member = await socketOf(cast.member);
      const total = await t.em().count(Notification, {});
      const clientMessageId = randomUUID();
      veto.messages = true;
      let ack: AckOk | AckError;
      try {
        ack = await emitAck(member, 'message:send', {
          channelId,
          clientMessageId,
          body: `@${cast.governmentAnchor.displayName} this will not stay`,
        });
      } finally {
        veto.messages = false;
      }
      expect(ack.ok).toBe(false);
      expect(await t.em().count(Message, { clientMessageId })).toBe(0);
      expect(await t.em().count(Notification, {})).toBe(total);
    });
  });
});

describe('notifications: the in-app routes', () => {
  const { t, cast } = useGroupCast();
  const subjectId = '00000000-0000-4000-8000-0000000000aa';

  /** `n` notifications for `user`, one transaction each (so created times differ and order is by time). */
  async function seed(user: TestUser, n: number, groupId: string | null = null): Promise<string[]> {
    const outbox = t.app.get(NotificationOutbox);
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const [added] = await t.em().transactional((em) =>
        outbox.add(em, {
          kind: NotificationKind.JoinApproved,
          recipientIds: [user.id],
          actorId: null,
          groupId,
          subject: { type: NotificationSubjectType.Membership, id: subjectId },
          params: { groupName: `G${i}` },
        }),
      );
      ids.push(added.id);
    }
    return ids.reverse(); // newest first, as listed
  }

  it('pages newest first with an opaque cursor, and filters unread', async () => {
    const user = await createUser(t);
    const ids = await seed(user, 5);
    const first = await list(t, user, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(ids.slice(0, 2));
    const second = await list(t, user, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).toEqual(ids.slice(2, 4));
    const third = await list(t, user, `?limit=2&cursor=${second.nextCursor}`);
    expect(third).toEqual({ items: [expect.objectContaining({ id: ids[4] })], nextCursor: null });
    expect(first.items[0].title).toBe('Your request to join G4 was approved');
    expect(first.items[0].actor).toBeNull();

    await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [ids[1], ids[3]] })
      .expect(200);
    const unread = await list(t, user, '?unread=true');
    expect(unread.items.map((n) => n.id)).toEqual([ids[0], ids[2], ids[4]]);
    const unreadPage = await list(t, user, '?unread=true&limit=1');
    expect(
      (await list(t, user, `?unread=true&limit=5&cursor=${unreadPage.nextCursor}`)).items.map((n) => n.id),
    ).toEqual([ids[2], ids[4]]);
    expect((await list(t, user, '?unread=false')).items).toHaveLength(5);
  });

  it('counts unread and marks read by ids (idempotently) or up to one of them', async () => {
    const user = await createUser(t);
    const ids = await seed(user, 4);
    expect(await count(t, user)).toBe(4);
    const byIds = await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [ids[0]] })
      .expect(200);
    expect(byIds.body).toEqual({ unread: 3 });
    const firstRead = (await rowsOf(t, user)).find((n) => n.id === ids[0])!.readAt;
    await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ ids: [ids[0]] })
      .expect(200);
    expect((await rowsOf(t, user)).find((n) => n.id === ids[0])!.readAt).toEqual(firstRead);
    // upTo: that one and every older one; newer ones stay unread.
    const upTo = await t.http
      .post('/me/notifications/read')
      .set(user.auth)
      .send({ upTo: ids[2] })
      .expect(200);
    expect(upTo.body).toEqual({ unread: 1 });
    expect((await list(t, user, '?unread=true')).items.map((n) => n.id)).toEqual([ids[1]]);
    const read = (await list(t, user)).items.filter((n) => n.readAt !== null).map((n) => n.id);
    expect(read.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
  });

  it('another user’s notification is a 404 and nothing changes, by ids (even mixed) or upTo', async () => {
    const [alice, bob] = [await createUser(t), await createUser(t)];
    const [aliceId] = await seed(alice, 1);
    const [bobId] = await seed(bob, 1);
    for (const body of [
      { ids: [bobId] },
      { ids: [aliceId, bobId] },
      { upTo: bobId },
      { ids: [randomUUID()] },
    ]) {
      const res = await t.http.post('/me/notifications/read').set(alice.auth).send(body).expect(404);
      expect(res.body).toMatchObject({ code: 'resource.not_found', detail: 'Notification was not found.' });
    }
    expect(await count(t, alice)).toBe(1);
    expect(await count(t, bob)).toBe(1);
    expect((await list(t, alice)).items.map((n) => n.id)).toEqual([aliceId]);
  });

  it('refuses bad input with 422 and changes nothing', async () => {
    const user = await createUser(t);
    const [id] = await seed(user, 1);
    const bodies: unknown[] = [
      {},
      { ids: [id], upTo: id },
      { ids: [] },
      { ids: ['not-a-uuid'] },
      { ids: [id, id] },
      { ids: Array.from({ length: 201 }, () => randomUUID()) },
      { upTo: '2026-12-01T00:00:00Z' },
      { ids: [id], unknown: true },
      { upTo: null },
    ];
    for (const body of bodies) {
      const res = await t.http
        .post('/me/notifications/read')
        .set(user.auth)
        .send(body as object);
      expect({ body, status: res.status }).toEqual({ body, status: 422 });
    }
    for (const query of ['?unread=yes', '?cursor=forged', '?limit=0', '?limit=201', '?other=1']) {
      const res = await t.http.get(`/me/notifications${query}`).set(user.auth);
      expect({ query, status: res.status }).toEqual({ query, status: 422 });
    }
    expect(await count(t, user)).toBe(1);
  });

  it('renders titles in the reader’s locale, English when it has no catalogue', async () => {
    const user = await createUser(t);
    await seed(user, 1);
    const titleIn = async (locale: string) => {
      await t.em().nativeUpdate(User, { id: user.id }, { locale });
      return (await list(t, user)).items[0].title;
    };
    expect(await titleIn('es-MX')).toBe('Se aprobó tu solicitud para unirte a G0');
    expect(await titleIn('fr')).toBe('Votre demande pour rejoindre G0 a été acceptée');
    expect(await titleIn('pt-BR')).toBe('Your request to join G0 was approved');
    expect(await titleIn('en-GB')).toBe('Your request to join G0 was approved');
  });

  describe('redaction', () => {
    const redacted = (n: Wire, kind: string, type: string) =>
      expect(n).toEqual({
        id: expect.any(String),
        kind,
        groupSlug: null,
        subject: { type, id: null },
        actor: null,
        title: 'A notification about something you can no longer see',
        createdAt: expect.any(String),
        readAt: null,
      });

    it('a notification of a members-only group the reader left is redacted, still counted and markable', async () => {
      const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
      const user = await createUser(t);
      await addMember(t, hidden, user);
      const [id] = await seed(user, 1, hidden.id);
      expect((await list(t, user)).items[0]).toMatchObject({
        groupSlug: hidden.slug,
        subject: { id: subjectId },
      });
      await t
        .em()
        .nativeUpdate('Membership', { group: hidden.id, user: user.id }, { status: MembershipStatus.Left });
      redacted((await list(t, user)).items[0], 'join_approved', 'membership');
      expect(await count(t, user)).toBe(1);
      await t.http
        .post('/me/notifications/read')
        .set(user.auth)
        .send({ ids: [id] })
        .expect(200);
      expect(await count(t, user)).toBe(0);
      // A public group stays visible after leaving (a membership notification is about the reader's own standing).
      const [pub] = await seed(user, 1, cast.group.id);
      expect((await list(t, user)).items.find((n) => n.id === pub)!.groupSlug).toBe(cast.group.slug);
    });

    it('a mention is redacted once its message is deleted, or once the reader is no longer a member', async () => {
      const channelId = await generalChannelId(t, cast.member, cast.group.slug);
      const reader = await createUser(t);
      await addMember(t, cast.group, reader);
      const author = await connectAs(t, cast.member);
      await joinOk(author, channelId);
      const doomed = await sendOk(author, {
        channelId,
        clientMessageId: randomUUID(),
        body: `@${reader.displayName} a`,
      });
      const kept = await sendOk(author, {
        channelId,
        clientMessageId: randomUUID(),
        body: `@${reader.displayName} b`,
      });
      const bySubject = async () =>
        Object.fromEntries((await list(t, reader)).items.map((n) => [n.subject.id ?? n.id, n]));
      expect(Object.keys(await bySubject()).sort()).toEqual([doomed.id, kept.id].sort());
      expect((await emitAck<AckOk>(author, 'message:delete', { messageId: doomed.id })).ok).toBe(true);
      const afterDelete = (await list(t, reader)).items;
      expect(afterDelete.find((n) => n.subject.id === kept.id)!.title).toContain('mentioned you');
      redacted(
        afterDelete.find((n) => n.subject.id !== kept.id)!,
        'mention',
        'message',
      );
      // Removed from the (public) group: its discussions are members' only, so the other mention goes too.
      await t.http
        .delete(`/working-groups/${cast.group.slug}/members/${reader.id}`)
        .set(cast.governmentAnchor.auth)
        .expect(200);
      for (const n of (await list(t, reader)).items) redacted(n, 'mention', 'message');
      closeAllSockets();
    });

    it('a join request is redacted for someone who no longer anchors the group', async () => {
      const group = await createGroup(t);
      const anchor = await createUser(t);
      await addMember(t, group, anchor, GroupRole.Anchor);
      const requester = await createUser(t);
      await t.http.post(`/working-groups/${group.slug}/members`).set(requester.auth).send({}).expect(201);
      expect((await list(t, anchor)).items[0].title).toBe(
        `${requester.displayName} asked to join ${group.name}`,
      );
      await t
        .em()
        .nativeUpdate('Membership', { group: group.id, user: anchor.id }, { role: GroupRole.Member });
      redacted((await list(t, anchor)).items[0], 'join_requested', 'membership');
    });
  });
});

// The routes are the caller's own: anonymous callers get 401, everyone else their own (possibly empty) list, and
// naming someone else's notification is a 404 whatever one's standing.
const everyoneSignedIn = {
  anonymous: 401,
  outsider: 200,
  observer: 200,
  member: 200,
  otherAnchor: 200,
  anchor: 200,
  steward: 200,
  admin: 200,
};
let matrixApp: TestApp;
describeMatrix(
  'notifications: access matrix',
  [
    { route: 'GET /me/notifications', expect: everyoneSignedIn },
    { route: 'GET /me/notifications/count', expect: everyoneSignedIn },
    {
      route: 'POST /me/notifications/read',
      note: "the requester's notification",
      params: async (cell) => {
        const [added] = await matrixApp.em().transactional((em) =>
          matrixApp.app.get(NotificationOutbox).add(em, {
            kind: NotificationKind.JoinRejected,
            recipientIds: [cell.requester.id],
            actorId: null,
            groupId: cell.group.id,
            subject: { type: NotificationSubjectType.Membership, id: randomUUID() },
            params: { groupName: cell.group.name },
          }),
        );
        return { id: added.id };
      },
      body: (_cell, params) => ({ ids: [params.id] }),
      expect: {
        anonymous: 401,
        outsider: 404,
        observer: 404,
        member: 404,
        otherAnchor: 404,
        anchor: 404,
        steward: 404,
        admin: 404,
      },
    },
  ],
  (t) => {
    matrixApp = t;
  },
);
