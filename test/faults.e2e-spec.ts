import { join } from 'node:path';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import {
  ackedAtLeast,
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  api,
  buildWorld,
  closeSockets,
  freePort,
  history,
  openSocket,
  Outcome,
  send,
  sendLoop,
  startDatabase as startTestDatabase,
  storedCounts,
  TestDatabase,
  until,
  World,
} from './support/faults';
import {
  buildIfStale,
  killEverything,
  listening,
  readyStatus,
  runServer,
  Started,
} from './support/server-process';
import { follow } from './support/follower';
import { blockedOrFinished } from './support/locks';
import { createTempDir, removeTempDir } from './support/temp-dirs';

/**
 * Fault tests (docs/faults.md): the real server (dist/src/main.js) in a child process, against a PostgreSQL this
 * file starts in its own temp folder on a fixed port, so it can be stopped and started again under the app.
 */
jest.setTimeout(60_000);

describe('faults: the database and the process fail under load', () => {
  let dir: string;
  let db: TestDatabase;
  let dbPort: number;
  let server: Started;
  let appPort: number;
  let url: string;
  let world: World;

  const startDatabase = async (): Promise<void> => {
    db = await startTestDatabase(join(dir, 'db'), dbPort || undefined);
    dbPort = db.port;
  };

  const startServer = async (): Promise<void> => {
    // One DATA_DIR and one port for every start: a restarted server keeps its JWT secret (tokens stay valid)
    // and its address (clients reconnect to it by themselves).
    server = runServer(join(dir, 'app'), {
      PORT: String(appPort),
      DATABASE_URL: db.url,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      LOGIN_LIMIT_PER_IP: '10000',
      LOGIN_LIMIT_PER_ACCOUNT: '10000',
      REGISTER_LIMIT_PER_IP: '10000',
      SOCKET_RATE_PER_SECOND: '10000',
      SOCKET_RATE_BURST: '10000',
      SOCKET_USER_RATE_PER_SECOND: '10000',
      SOCKET_USER_RATE_BURST: '10000',
    });
    url = await listening(server);
  };

  beforeAll(async () => {
    buildIfStale();
    dir = createTempDir('faults');
    dbPort = 0;
    appPort = await freePort();
    await startDatabase();
    await startServer();
    world = await buildWorld(url, 5);
  }, 120_000); // a stale dist/ is rebuilt first (10-30 s)
  afterEach(() => closeSockets());
  afterAll(async () => {
    closeSockets();
    await db?.stop();
    // The servers, and a cluster its helper process left behind should that have been killed.
    await killEverything(join(dir, 'db'));
    removeTempDir(dir);
  });

  it('(b) a request whose connection is terminated mid-query is a 503 problem; the next one succeeds', async () => {
    const [sender] = world.senders;
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      // The request (PATCH /me updates the caller's row) waits on a row lock the test holds.
      await holder.query('begin');
      await holder.query('select 1 from "user" where id = $1 for update', [sender.id]);
      const pending = api(url, 'PATCH', '/me', { displayName: 'Renamed' }, sender.token);
      expect(await blockedOrFinished(holder, pending)).toBe('blocked');
      await holder.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      );
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.contentType).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'database.unavailable' });
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    expect(server.child.exitCode).toBeNull();
    const next = await api(url, 'PATCH', '/me', { displayName: 'Renamed again' }, sender.token);
    expect(next.status).toBe(200);
  });

  it('(a) PostgreSQL restarts under 5 senders: bounded acks, 503 readiness, recovery, each message once', async () => {
    const sockets = await Promise.all(world.senders.map((s) => openSocket(url, s.token)));
    const loops = sockets.map((socket) => sendLoop(socket, world.channelId, 50));
    const ackedSince = (from: number[]) => () =>
      loops.every((l, i) => l.outcomes.slice(from[i]).filter((o) => o.kind === 'acked').length >= 3);
    await until(ackedSince(loops.map(() => 0)), 20_000, 'every sender to have 3 acks');

    await db.stop();
    const whileDown: number[] = [];
    const downSince = Date.now();
    while (Date.now() - downSince < 1_500 || whileDown.length < 3) {
      whileDown.push(await readyStatus(url));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const live = await fetch(`${url}/health/live`);
    // Nobody is logged out by the outage: the session lookup fails as a 503, over HTTP and in the handshake.
    const me = await api(url, 'GET', '/me', undefined, world.senders[0].token);
    const handshake = await openSocket(url, world.senders[0].token).then(
      () => 'connected',
      (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
    );
    const beforeRestart = loops.map((l) => l.outcomes.length);
    await startDatabase();
    // No restart of the app: its pool drops the dead connections and opens new ones.
    await until(async () => (await readyStatus(url)) === 200, 20_000, 'readiness after the restart');
    await until(ackedSince(beforeRestart), 20_000, 'every sender to have 3 acks after the restart');
    const outcomes = await Promise.all(loops.map((l) => l.stop()));

    expect(new Set(whileDown)).toEqual(new Set([503]));
    expect(live.status).toBe(200);
    expect(me).toMatchObject({ status: 503, body: { code: 'database.unavailable' } });
    expect(handshake).toEqual({
      message: 'database_unavailable',
      data: expect.objectContaining({ status: 503, code: 'database.unavailable' }),
    });
    const all = outcomes.flat();
    // Every send was answered within the bound; a failure is a clear, retryable error.
    expect(all.filter((o) => o.kind === 'lost')).toEqual([]);
    const refused = all.filter((o) => o.kind === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    for (const o of refused) expect(o.error).toMatchObject({ status: 503, code: 'database.unavailable' });

    const counts = await storedCounts(db.url, world.channelId);
    for (const o of all) if (o.kind === 'acked') expect(counts.get(o.clientMessageId)).toBe(1);
    // A refused send may still have committed (the connection died after COMMIT): its retry says which, and
    // never stores it twice.
    for (const [i, socket] of sockets.entries()) {
      for (const o of outcomes[i].filter((x) => x.kind === 'refused')) {
        expect(await send(socket, world.channelId, o.clientMessageId)).toMatchObject({ kind: 'acked' });
      }
    }
    const after = await storedCounts(db.url, world.channelId);
    expect(new Set(after.values())).toEqual(new Set([1]));
    expect([...after.keys()].sort()).toEqual(
      expect.arrayContaining(all.map((o) => o.clientMessageId).sort()),
    );
    const messages = await history(url, world.senders[0].token, world.channelId);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1)); // no gap, no duplicate
    // The driver's complaints about dead connections are JSON log lines too, not bare console output.
    const bare = [...server.stdout, ...server.stderr].filter((l) => !/^\{|^Convene listening on /.test(l));
    expect(bare).toEqual([]);
  });

  /** Retries every send that was not acked, with its clientMessageId, until acked: what a client does. */
  const retryUnacked = async (sockets: Socket[], outcomes: Outcome[][]): Promise<Outcome[]> => {
    const retried: Outcome[] = [];
    for (const [i, socket] of sockets.entries()) {
      for (const o of outcomes[i].filter((x) => x.kind !== 'acked')) {
        retried.push(await send(socket, world.channelId, o.clientMessageId));
      }
    }
    return retried;
  };

  const lastSeq = async (): Promise<number> =>
    (await history(url, world.senders[0].token, world.channelId)).at(-1)?.seq ?? 0;

  it('(c) kill -9 with clients connected: they reconnect, rejoin with sinceSeq, see every message once, in order', async () => {
    const since = await lastSeq();
    const followers = await Promise.all(
      world.senders.slice(0, 2).map((s) => follow(url, s.token, world.channelId, since)),
    );
    const sockets = await Promise.all(world.senders.slice(2).map((s) => openSocket(url, s.token, true)));
    const loops = sockets.map((socket) => sendLoop(socket, world.channelId, 20));
    await until(() => loops.every((l) => ackedAtLeast(l.outcomes, 0, 3)), 20_000, '3 acks per sender');

    server.child.kill('SIGKILL');
    await server.exit;
    const beforeRestart = loops.map((l) => l.outcomes.length);
    await startServer();
    // socket.io-client reconnects by itself; the followers rejoin, the senders go on.
    await until(() => followers.every((f) => f.joins >= 2), 20_000, 'the followers to rejoin');
    await until(
      () => loops.every((l, i) => ackedAtLeast(l.outcomes, beforeRestart[i], 3)),
      20_000,
      '3 acks per sender after the restart',
    );
    const outcomes = await Promise.all(loops.map((l) => l.stop()));
    // A send in flight at the kill has no answer ("socket has been disconnected"); it may have committed.
    for (const o of outcomes.flat()) {
      if (o.kind === 'lost') expect(o.reason).toBe('socket has been disconnected');
      if (o.kind === 'refused') expect(o.error.status).toBe(503);
    }
    const retried = await retryUnacked(sockets, outcomes);
    expect(retried.filter((o) => o.kind !== 'acked')).toEqual([]);

    const messages = (await history(url, world.senders[0].token, world.channelId)).filter(
      (m) => m.seq > since,
    );
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => since + i + 1));
    const counts = await storedCounts(db.url, world.channelId);
    for (const o of [...outcomes.flat(), ...retried]) expect(counts.get(o.clientMessageId)).toBe(1);
    const last = messages.at(-1)!.seq;
    await until(() => followers.every((f) => f.contiguous() >= last), 10_000, 'the followers to catch up');
    for (const f of followers) {
      expect(f.anomalies).toEqual([]);
      expect([...f.received.values()].sort((a, b) => a.seq - b.seq).map((m) => m.id)).toEqual(
        messages.map((m) => m.id),
      );
    }
  });

  it('(d) SIGTERM with sends in flight: each is acked or refused, none stored unanswered; retries return it', async () => {
    const sockets = await Promise.all(world.senders.map((s) => openSocket(url, s.token, true)));
    const loops = sockets.map((socket) => sendLoop(socket, world.channelId));
    await until(() => loops.every((l) => ackedAtLeast(l.outcomes, 0, 3)), 20_000, '3 acks per sender');

    const stopping = server;
    stopping.child.kill('SIGTERM');
    expect(await stopping.exit).toBe(0);
    expect(stopping.stdout).toContain('SIGTERM received: shutting down');
    // The server is gone: what each sender was told before it went is final.
    const told = loops.map((l) => [...l.outcomes]);
    const stored = await storedCounts(db.url, world.channelId);
    for (const o of told.flat()) {
      if (o.kind === 'acked') expect(stored.get(o.clientMessageId)).toBe(1);
      else {
        // Refused (503 server.shutting_down) or cut off by the close: either way never committed.
        if (o.kind === 'refused')
          expect(o.error).toMatchObject({ status: 503, code: 'server.shutting_down' });
        expect([o, stored.get(o.clientMessageId)]).toEqual([o, undefined]);
      }
    }

    await startServer();
    await until(() => sockets.every((socket) => socket.connected), 20_000, 'the senders to reconnect');
    const outcomes = await Promise.all(loops.map((l) => l.stop()));
    const retried = await retryUnacked(sockets, outcomes);
    expect(retried.filter((o) => o.kind !== 'acked')).toEqual([]);
    // A retry of an acked send returns the first message, never a second one.
    for (const [i, socket] of sockets.entries()) {
      const first = told[i].find((o) => o.kind === 'acked')!;
      const again = await send(socket, world.channelId, first.clientMessageId);
      expect(again.kind === 'acked' && again.message.id).toBe(first.kind === 'acked' && first.message.id);
    }
    const counts = await storedCounts(db.url, world.channelId);
    expect(new Set(counts.values())).toEqual(new Set([1]));
    const messages = await history(url, world.senders[0].token, world.channelId);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
  });
});
