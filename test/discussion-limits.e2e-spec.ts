import { randomUUID } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { Message } from '../src/discussion/entities/message.entity';
import {
  Ack,
  AckError,
  closeAllSockets,
  connectAs,
  connectWhenFree,
  emitAck,
  generalChannelId,
  sendOk,
} from './factories/discussion';
import { addMember, useGroupCast } from './factories/groups';
import { createUser, TestUser } from './factories/users';

const refusals = (acks: Ack[]): AckError[] => acks.filter((a): a is AckError => !a.ok);

/** Per-user limits on one instance (in memory): writes over all of a user's sockets, connections, joins, reads. */
describe('discussion: per-user socket limits', () => {
  const { t, cast } = useGroupCast({
    // The per-connection bucket is lifted so that only the per-user limits can refuse.
    socketRatePerSecond: 1_000,
    socketRateBurst: 1_000,
    // 5 writes per 5 s window per user.
    socketUserRatePerSecond: 1,
    socketUserRateBurst: 5,
    socketMaxConnectionsPerUser: 20,
    socketUserJoinsPerMinute: 5,
    socketUserReadsPerMinute: 5,
  });
  let channelId: string;
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
  });
  afterEach(() => closeAllSockets());

  const newMember = async (): Promise<TestUser> => {
    const user = await createUser(t);
    await addMember(t, cast.group, user);
    return user;
  };

  const expectLimited = (refusal: AckError | undefined): void => {
    expect(refusal?.error).toMatchObject({
      status: 429,
      code: 'rate.limited',
      retryAfterSeconds: expect.any(Number),
    });
  };

  it('ten sockets of one user together send no more than the per-user limit; others are unaffected', async () => {
    const flooder = await newMember();
    const sockets = await Promise.all(Array.from({ length: 10 }, () => connectAs(t, flooder)));
    const acks = await Promise.all(
      sockets.flatMap((socket, s) =>
        Array.from({ length: 10 }, (_, i) =>
          emitAck(socket, 'message:send', {
            channelId,
            clientMessageId: `u-${s}-${i}`,
            body: `flood ${s}/${i}`,
          }),
        ),
      ),
    );
    const ok = acks.filter((a) => a.ok).length;
    expect(ok).toBe(5);
    expect(refusals(acks)).toHaveLength(95);
    expectLimited(refusals(acks)[0]);
    expect(await t.em().count(Message, { author: flooder.id })).toBe(5);
    expect(sockets.every((s) => s.connected)).toBe(true);
    const other = await connectAs(t, cast.member);
    await sendOk(other, { channelId, clientMessageId: randomUUID(), body: 'still served' });
  });

  it('refuses the 21st connection of a user at the handshake; a slot frees when one disconnects', async () => {
    const user = await createUser(t);
    const sockets: Socket[] = [];
    for (let i = 0; i < 20; i += 1) sockets.push(await connectAs(t, user));
    const refused = await connectAs(t, user).then(
      () => null,
      (error: Error & { data?: unknown }) => error,
    );
    expect(refused?.message).toBe('too_many_connections');
    expect(refused?.data).toMatchObject({ status: 429, code: 'rate.limited' });
    // Another user is not affected.
    await connectAs(t, await createUser(t));
    sockets[0].close();
    expect((await connectWhenFree(t, user)).connected).toBe(true);
  });

  it('limits channel:join (with a full replay) per user, over all of its sockets', async () => {
    const joiner = await newMember();
    const [a, b] = [await connectAs(t, joiner), await connectAs(t, joiner)];
    const acks: Ack[] = [];
    for (let i = 0; i < 8; i += 1) {
      acks.push(await emitAck(i % 2 === 0 ? a : b, 'channel:join', { channelId, sinceSeq: 0 }));
    }
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, true, true, false, false, false]);
    expectLimited(refusals(acks)[0]);
    // Leaving is not limited, and other users still join.
    expect((await emitAck(a, 'channel:leave', { channelId })).ok).toBe(true);
    const other = await connectAs(t, await newMember());
    expect((await emitAck(other, 'channel:join', { channelId, sinceSeq: 0 })).ok).toBe(true);
  });

  it('limits read markers per user', async () => {
    const reader = await newMember();
    const socket = await connectAs(t, reader);
    const acks: Ack[] = [];
    for (let i = 0; i < 7; i += 1) acks.push(await emitAck(socket, 'read', { channelId, seq: 0 }));
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true, true, true, false, false]);
    expectLimited(refusals(acks)[0]);
    const other = await connectAs(t, await newMember());
    expect((await emitAck(other, 'read', { channelId, seq: 0 })).ok).toBe(true);
  });
});
