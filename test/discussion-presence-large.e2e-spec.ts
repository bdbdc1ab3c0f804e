import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Socket } from 'socket.io-client';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/tokens.service';
import { PRESENCE_LIVE_MAX } from '../src/discussion/presence.service';
import {
  closeAllSockets,
  collect,
  connect,
  connectAs,
  emitAck,
  generalChannelId,
  joinOk,
  until,
} from './factories/discussion';
import { useGroupCast } from './factories/groups';
import { TEST_JWT_SECRET } from './support/test-app';

interface JoinAck {
  online: string[];
  onlineCount: number;
  presenceLive: boolean;
}

/**
 * Presence in a channel past PRESENCE_LIVE_MAX sockets (decision 0021): the bound itself, not a lowered one.
 * The members are made in SQL with a session and a signed token each (registering 500 accounts through the
 * API would hash 500 passwords), then really connect and join.
 */
describe('discussion: presence in a large channel', () => {
  const { t, cast } = useGroupCast();
  let channelId: string;
  let tokens: string[];
  let userIds: string[];
  beforeAll(async () => {
    channelId = await generalChannelId(t, cast.member, cast.group.slug);
    const rows = await t.em().execute<{ user_id: string; session_id: string }[]>(
      `with u as (
         insert into "user" (id, created_at, updated_at, email, display_name, password_hash)
         select gen_random_uuid(), now(), now(), 'crowd-' || i || '-' || ? || '@example.org', 'Crowd ' || i, 'x'
         from generate_series(1, ?) i
         returning id),
       m as (
         insert into membership (id, created_at, updated_at, group_id, user_id, role, status, approved_at)
         select gen_random_uuid(), now(), now(), ?, u.id, 'member', 'active', now() from u)
       insert into auth_session (id, user_id, created_at, expires_at)
       select gen_random_uuid(), u.id, now(), now() + interval '1 hour' from u
       returning user_id, id as session_id`,
      [randomUUID().slice(0, 8), PRESENCE_LIVE_MAX, cast.group.id],
    );
    userIds = rows.map((r) => r.user_id);
    tokens = rows.map((r) =>
      jwt.sign({ sub: r.user_id, sid: r.session_id }, TEST_JWT_SECRET, {
        algorithm: 'HS256',
        expiresIn: 600,
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      }),
    );
  });
  afterAll(() => closeAllSockets());

  it(`announces joins up to ${PRESENCE_LIVE_MAX} sockets, then stops and bounds the ack's list`, async () => {
    const watcher = await connectAs(t, cast.governmentAnchor);
    const first = (await joinOk(watcher, channelId)) as unknown as JoinAck;
    expect(first).toMatchObject({ onlineCount: 1, presenceLive: true });
    const presence = collect<{ userId: string; state: string }>(watcher, 'presence');

    // The watcher plus PRESENCE_LIVE_MAX - 1 crowd members: every join still announced.
    // crowd[k] is the member of tokens[k] / userIds[k].
    const crowd: Socket[] = [];
    for (let i = 0; i < PRESENCE_LIVE_MAX - 1; i += 50) {
      const batch = await Promise.all(
        tokens.slice(i, Math.min(i + 50, PRESENCE_LIVE_MAX - 1)).map((tk) => connect(t, tk)),
      );
      await Promise.all(batch.map((s) => joinOk(s, channelId)));
      crowd.push(...batch);
    }
    const atBound = (await emitAck(crowd[0], 'channel:join', { channelId })) as unknown as JoinAck;
    expect(atBound).toMatchObject({ onlineCount: PRESENCE_LIVE_MAX, presenceLive: true });

    // One more: the room passes the bound, this join is not announced and its ack says so.
    const last = await connect(t, tokens[PRESENCE_LIVE_MAX - 1]);
    const past = (await joinOk(last, channelId)) as unknown as JoinAck;
    expect(past.presenceLive).toBe(false);
    expect(past.onlineCount).toBe(PRESENCE_LIVE_MAX + 1);
    expect(past.online).toHaveLength(PRESENCE_LIVE_MAX);
    // A second tab of the watcher: 502 sockets. A leave that leaves more than the bound is not announced; the
    // one that brings the room back to the bound is.
    await joinOk(await connectAs(t, cast.governmentAnchor), channelId);
    await emitAck(crowd[1], 'channel:leave', { channelId });
    await emitAck(crowd[2], 'channel:leave', { channelId });
    await until(() => presence.some((p) => p.state === 'offline'), 5_000, 'the leave back at the bound');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(presence.filter((p) => p.state === 'online')).toHaveLength(PRESENCE_LIVE_MAX - 1);
    expect(presence.filter((p) => p.state === 'offline')).toEqual([
      { channelId, userId: userIds[2], state: 'offline' },
    ]);
  }, 120_000);
});
