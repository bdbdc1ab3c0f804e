import { randomUUID } from 'node:crypto';
import { DomainHooks } from '../src/common/events/hooks';
import { ConflictError } from '../src/common/errors/domain-error';
import { Message } from '../src/discussion/entities/message.entity';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { User } from '../src/users/entities/user.entity';
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
import { list, rowsOf } from './factories/notifications';

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
