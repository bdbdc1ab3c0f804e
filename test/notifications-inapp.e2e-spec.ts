import { randomUUID } from 'node:crypto';
import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { NotificationOutbox } from '../src/notifications/notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { User } from '../src/users/entities/user.entity';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { createDocument, documentsConfig } from './factories/documents';
import { insertMeeting } from './factories/meetings';
import {
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
import { count, list, rowsOf, Wire } from './factories/notifications';

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

  it('pages through notifications made in one statement (same instant) and in quick succession, none lost', async () => {
    const user = await createUser(t);
    const outbox = t.app.get(NotificationOutbox);
    const one = (i: number) => ({
      kind: NotificationKind.JoinRejected,
      recipientIds: [user.id],
      actorId: null,
      groupId: null,
      subject: { type: NotificationSubjectType.Membership, id: randomUUID() },
      params: { groupName: `B${i}` },
    });
    const batch = await t.em().transactional((em) => outbox.addMany(em, [0, 1, 2, 3].map(one)));
    const quick = await Promise.all(
      [4, 5, 6].map((i) => t.em().transactional((em) => outbox.add(em, one(i)))),
    );
    const all = [...batch.map((a) => a.id), ...quick.flat().map((a) => a.id)];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(t, user, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length <= all.length);
    expect([...seen].sort()).toEqual([...all].sort());
    expect(seen).toEqual((await list(t, user)).items.map((n) => n.id));
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

describe('notifications: redaction of meetings and documents', () => {
  const { t, cast } = useGroupCast(documentsConfig());
  async function about(
    user: TestUser,
    kind: NotificationKind,
    type: NotificationSubjectType,
    id: string,
  ): Promise<string> {
    const [added] = await t.em().transactional((em) =>
      t.app.get(NotificationOutbox).addMany(em, [
        {
          kind,
          recipientIds: [user.id],
          actorId: null,
          groupId: cast.group.id,
          subject: { type, id },
          params: {
            groupName: cast.group.name,
            meetingTitle: 'Kick-off',
            startsAt: '2026-12-01T13:00:00.000Z',
            timeZone: 'UTC',
            documentTitle: 'Roadmap',
            versionNumber: 2,
          },
        },
      ]),
    );
    return added.id;
  }
  const subjectIdOf = async (user: TestUser, id: string) =>
    (await list(t, user)).items.find((n) => n.id === id)!.subject.id;

  it('a draft meeting is shown to its managers only; a missing one to nobody', async () => {
    const draft = await insertMeeting(t, cast.group, cast.governmentAnchor, { status: MeetingStatus.Draft });
    const scheduled = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const { Meeting } = NotificationSubjectType;
    const forMember = await about(cast.member, NotificationKind.MeetingScheduled, Meeting, draft.id);
    const forAnchor = await about(
      cast.civilSocietyAnchor,
      NotificationKind.MeetingScheduled,
      Meeting,
      draft.id,
    );
    const visible = await about(cast.member, NotificationKind.MeetingScheduled, Meeting, scheduled.id);
    const gone = await about(cast.member, NotificationKind.MeetingScheduled, Meeting, randomUUID());
    expect(await subjectIdOf(cast.member, forMember)).toBeNull();
    expect(await subjectIdOf(cast.civilSocietyAnchor, forAnchor)).toBe(draft.id);
    expect(await subjectIdOf(cast.member, visible)).toBe(scheduled.id);
    expect(await subjectIdOf(cast.member, gone)).toBeNull();
  });

  it('a deleted document, or a members-only one for a non-member, is redacted', async () => {
    const { Document } = NotificationSubjectType;
    const kind = NotificationKind.DocumentVersionAdded;
    const open = await createDocument(t, cast.governmentAnchor, cast.group.slug, { visibility: 'public' });
    const closed = await createDocument(t, cast.governmentAnchor, cast.group.slug, { visibility: 'members' });
    const doomed = await createDocument(t, cast.governmentAnchor, cast.group.slug, { visibility: 'public' });
    const outsiderOpen = await about(cast.outsider, kind, Document, open.id);
    const outsiderClosed = await about(cast.outsider, kind, Document, closed.id);
    const memberClosed = await about(cast.member, kind, Document, closed.id);
    const memberDoomed = await about(cast.member, kind, Document, doomed.id);
    await t.http.delete(`/documents/${doomed.id}`).set(cast.governmentAnchor.auth).expect(204);
    expect(await subjectIdOf(cast.outsider, outsiderOpen)).toBe(open.id);
    expect(await subjectIdOf(cast.outsider, outsiderClosed)).toBeNull();
    expect(await subjectIdOf(cast.member, memberClosed)).toBe(closed.id);
    expect(await subjectIdOf(cast.member, memberDoomed)).toBeNull();
    const [title] = (await list(t, cast.member)).items
      .filter((n) => n.id === memberClosed)
      .map((n) => n.title);
    expect(title).toBe(`Someone added version 2 of “Roadmap” (${cast.group.name})`);
  });
});
