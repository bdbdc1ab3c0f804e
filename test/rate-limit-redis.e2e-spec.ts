import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { Socket } from 'socket.io-client';
import { RedisConnectionSlots } from '../src/common/rate-limit/connection-slots';
import { Message } from '../src/discussion/entities/message.entity';
import {
  closeAllSockets,
  connectAs,
  connectWhenFree,
  emitAck,
  generalChannelId,
} from './factories/discussion';
import { addMember, createGroup } from './factories/groups';
import { createUser, registerUser } from './factories/users';
import { TestApp } from './support/test-app';
import { TEST_REDIS_URL, useTwoInstances } from './support/two-instances';

/**
 * Two instances of one deployment sharing the local Redis: the login throttle and the per-user socket limits
 * count over both, so spreading attempts over instances gains nothing.
 */
describe('rate limits shared by two instances through Redis', () => {
  const { a, b } = useTwoInstances({
    loginLimitPerAccount: 5,
    loginLimitPerIp: 100,
    loginLimitWindowSeconds: 60,
    // Only the per-user limit (5 writes per 5 s window) can refuse a write.
    socketRatePerSecond: 1_000,
    socketRateBurst: 1_000,
    socketUserRatePerSecond: 1,
    socketUserRateBurst: 5,
    socketMaxConnectionsPerUser: 3,
  });
  afterEach(() => closeAllSockets());

  it('login: 3 attempts on A and 3 on B with limit 5: the 6th is refused', async () => {
    const user = await registerUser(a);
    const attempt = (t: TestApp) =>
      t.http.post('/auth/login').send({ email: user.email, password: 'wrong-password-x' });
    const statuses: number[] = [];
    for (const t of [a, a, a, b, b]) statuses.push((await attempt(t)).status);
    const sixth = await attempt(b);
    expect([...statuses, sixth.status]).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect(sixth.body.code).toBe('rate.limited');
  });

  it('socket sends of one user over both instances share one per-user limit', async () => {
    const [group, sender] = [await createGroup(a), await createUser(a)];
    await addMember(a, group, sender);
    const channelId = await generalChannelId(a, sender, group.slug);
    const [onA, onB] = [await connectAs(a, sender), await connectAs(b, sender)];
    const send = (socket: Socket, i: number) =>
      emitAck(socket, 'message:send', { channelId, clientMessageId: `x-${i}`, body: `spread ${i}` });
    const oks: boolean[] = [];
    for (let i = 0; i < 3; i += 1) oks.push((await send(onA, i)).ok);
    for (let i = 3; i < 6; i += 1) oks.push((await send(onB, i)).ok);
    expect(oks).toEqual([true, true, true, true, true, false]);
    expect(await a.em().count(Message, { author: sender.id })).toBe(5);
  });

  it('caps connections per user over both instances', async () => {
    const user = await createUser(a);
    const first = await connectAs(a, user);
    await connectAs(a, user);
    await connectAs(b, user);
    await expect(connectAs(b, user)).rejects.toThrow('too_many_connections');
    await expect(connectAs(a, user)).rejects.toThrow('too_many_connections');
    first.close();
    expect((await connectWhenFree(b, user)).connected).toBe(true);
  });
});

describe('connection slots in Redis', () => {
  const client = createClient({ url: TEST_REDIS_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.close());
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('lets the slots of a crashed instance lapse after their lease; live ones are renewed', async () => {
    const prefix = `convene-test:${randomUUID()}:conn`;
    const leaseMs = 600;
    const fail = (error: unknown): never => {
      throw error;
    };
    const crashed = new RedisConnectionSlots(client, prefix, 2, leaseMs, fail);
    const survivor = new RedisConnectionSlots(client, prefix, 2, leaseMs, fail);
    const third = new RedisConnectionSlots(client, prefix, 2, leaseMs, fail);
    try {
      expect(await crashed.acquire('u', 's1')).toBe(true);
      expect(await crashed.acquire('u', 's2')).toBe(true);
      expect(await survivor.acquire('u', 's3')).toBe(false);
      crashed.abandon(); // neither renews nor gives back, like a killed process
      await sleep(leaseMs + 200);
      expect(await survivor.acquire('u', 's3')).toBe(true);
      expect(await survivor.acquire('u', 's4')).toBe(true);
      await sleep(leaseMs + 200); // longer than a lease: only renewal keeps these two
      expect(await third.acquire('u', 's5')).toBe(false);
      await survivor.close(); // a clean shutdown gives its slots back at once
      expect(await third.acquire('u', 's5')).toBe(true);
    } finally {
      await Promise.all([crashed.close(), survivor.close(), third.close()]);
    }
  });
});
