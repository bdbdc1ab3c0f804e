import { Channel } from '../src/discussion/entities/channel.entity';
import type { Socket } from 'socket.io-client';
import { closeAllSockets, connect, connectAs, emitAck, joinOk, sendOk } from './factories/discussion';
import { createGroupCast, useGroupCast } from './factories/groups';
import { meetingBody } from './factories/meetings';
import { createCivilSociety } from './factories/organizations';
import { createSteward, createUser, login } from './factories/users';

/** The contexts react to each other through domain hooks; these tests drive that wiring through the public APIs. */
describe('groups, meetings and discussion together', () => {
  const { t, cast } = useGroupCast();
  afterEach(() => closeAllSockets());

  it('a group created through the API gets its general channel in the same transaction', async () => {
    const steward = await createSteward(t);
    const created = await t.http
      .post('/working-groups')
      .set(steward.auth)
      .send({
        name: 'Beneficial Ownership',
        theme: 'beneficial_ownership',
        description: 'Registers.',
        visibility: 'public',
        joinPolicy: 'open',
      })
      .expect(201);
    const channels = await t.em().find(Channel, { group: created.body.id });
    expect(channels.map((c) => c.kind)).toEqual(['general']);
  });

  it('a meeting gets a live channel; join returns it; concluding makes it read-only', async () => {
    const { group, governmentAnchor: anchor, member } = cast;
    const meeting = await t.http
      .post(`/working-groups/${group.slug}/meetings`)
      .set(anchor.auth)
      .send(meetingBody())
      .expect(201);
    const channel = await t.em().findOneOrFail(Channel, { meetingId: meeting.body.id });
    expect(channel.kind).toBe('meeting');

    for (const status of ['scheduled', 'live']) {
      await t.http.post(`/meetings/${meeting.body.id}/status`).set(anchor.auth).send({ status }).expect(200);
    }
    const joined = await t.http
      .post(`/meetings/${meeting.body.id}/join`)
      .set(member.auth)
      .expect((r) => expect([200, 201]).toContain(r.status));
    expect(joined.body.channelId).toBe(channel.id);

    const socket = await connectAs(t, member);
    await joinOk(socket, channel.id);
    await sendOk(socket, {
      channelId: channel.id,
      clientMessageId: 'during-live',
      body: 'Hello from the session',
    });

    await t.http
      .post(`/meetings/${meeting.body.id}/status`)
      .set(anchor.auth)
      .send({ status: 'concluded' })
      .expect(200);
    const refused = await emitAck(socket, 'message:send', {
      channelId: channel.id,
      clientMessageId: 'after',
      body: 'Too late',
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('removing a member through the API revokes their live sockets at once', async () => {
    const cso = await createCivilSociety(t);
    const local = await createGroupCast(t);
    const leaver = await createUser(t, { organizationId: cso.id });
    await t.http
      .post(`/working-groups/${local.group.slug}/members`)
      .set(local.admin.auth)
      .send({ userId: leaver.id, role: 'member' })
      .expect(201);
    const channels = await t.http
      .get(`/working-groups/${local.group.slug}/channels`)
      .set(leaver.auth)
      .expect(200);
    const general = (channels.body.items as { id: string; kind: string }[]).find(
      (c) => c.kind === 'general',
    )!;
    const socket = await connectAs(t, leaver);
    await joinOk(socket, general.id);
    const revoked = new Promise<{ groupSlug: string }>((resolve) =>
      socket.once('membership:revoked', resolve),
    );

    await t.http
      .delete(`/working-groups/${local.group.slug}/members/${leaver.id}`)
      .set(local.governmentAnchor.auth)
      .expect(200);
    await expect(revoked).resolves.toEqual({ groupSlug: local.group.slug });
    const refused = await emitAck(socket, 'message:send', {
      channelId: general.id,
      clientMessageId: 'gone',
      body: 'still here?',
    });
    expect(refused).toMatchObject({ ok: false, error: { status: 404 } });
  });

  describe('ending sessions ends their sockets', () => {
    const disconnected = (socket: Socket): Promise<string> =>
      new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    it('logout disconnects the sockets of that session only', async () => {
      const user = await createUser(t);
      const second = await login(t, user.email);
      const [first, other] = [await connectAs(t, user), await connect(t, second.accessToken)];
      const gone = disconnected(first);
      await t.http.post('/auth/logout').set(user.auth).send({ refreshToken: user.refreshToken }).expect(204);
      await expect(gone).resolves.toBe('io server disconnect');
      expect(other.connected).toBe(true);
    });

    it('a password change disconnects every socket of the user', async () => {
      const user = await createUser(t);
      const second = await login(t, user.email);
      const sockets = [await connectAs(t, user), await connect(t, second.accessToken)];
      const gone = sockets.map(disconnected);
      await t.http
        .patch('/me')
        .set(user.auth)
        .send({ password: 'a-completely-new-passphrase', currentPassword: user.password })
        .expect(200);
      await expect(Promise.all(gone)).resolves.toEqual(['io server disconnect', 'io server disconnect']);
    });

    it('an admin disabling the user through the API disconnects them, and they cannot reconnect', async () => {
      const user = await createUser(t);
      const socket = await connectAs(t, user);
      const gone = disconnected(socket);
      await t.http.patch(`/users/${user.id}`).set(cast.admin.auth).send({ disabled: true }).expect(200);
      await expect(gone).resolves.toBe('io server disconnect');
      await expect(connectAs(t, user)).rejects.toThrow('unauthorized');
    });
  });
});
