import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Socket } from 'socket.io-client';
import { TestApp } from '../support/test-app';
import { sendOk, WireMessage } from './discussion';
import { addMember, GroupCast } from './groups';
import { createUser, TestUser } from './users';

/** Helpers of the group-commit specs (test/discussion-group-commit*.e2e-spec.ts). */

/** Ordering under load is tested, not throttling. */
export const RATE = { socketRatePerSecond: 10_000, socketRateBurst: 10_000 };

export async function newChannel(t: TestApp, cast: GroupCast): Promise<string> {
  const res = await t.http
    .post(`/working-groups/${cast.group.slug}/channels`)
    .set(cast.governmentAnchor.auth)
    .send({ name: `batch-${randomUUID().slice(0, 8)}` })
    .expect(201);
  return res.body.id as string;
}

export async function newMembers(t: TestApp, cast: GroupCast, n: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < n; i += 1) {
    const user = await createUser(t);
    await addMember(t, cast.group, user);
    users.push(user);
  }
  return users;
}

/** A pg connection holding the channel row FOR UPDATE: commit statements queue behind it until `release`. */
export async function holdChannel(
  t: TestApp,
  channelId: string,
): Promise<{ holder: Client; release: () => Promise<void> }> {
  const holder = new Client({ connectionString: t.databaseUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query('select id from channel where id = $1 for update', [channelId]);
  return {
    holder,
    release: async () => {
      await holder.query('commit');
      await holder.end();
    },
  };
}

/**
 * Every sender fires all its messages at once (no waiting for acks); records, per sender, the seqs in the
 * order its acks arrived.
 */
export async function fireAll(
  sockets: Socket[],
  channelId: string,
  perSender: number,
): Promise<{ acks: WireMessage[][]; ackOrder: number[][] }> {
  const ackOrder = sockets.map(() => [] as number[]);
  const acks = await Promise.all(
    sockets.map((s, i) =>
      Promise.all(
        Array.from({ length: perSender }, (_, n) =>
          sendOk(s, { channelId, clientMessageId: `${i}-${n}`, body: `sender ${i} message ${n}` }).then(
            (m) => {
              ackOrder[i].push(m.seq);
              return m;
            },
          ),
        ),
      ),
    ),
  );
  return { acks, ackOrder };
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
export const ascending = (list: number[]): boolean => list.every((v, i) => i === 0 || list[i - 1] < v);

/** Transaction control, which is not a round trip of its own in what these counts mean. */
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/**
 * Every statement the app sends to PostgreSQL while `run` runs (counts round trips per batch), whichever way it
 * goes: through the ORM (`em.execute`, simple protocol) or as a prepared statement (`queryPrepared`). Seen on the
 * wire side, at `pg.Client#query`, and only on the app's pooled connections (knex tags them `__knexUid`), so
 * the test's own clients (e.g. one holding a channel lock) are not counted.
 */
export async function statementsSentDuring(run: () => Promise<void>): Promise<string[]> {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  const seen: string[] = [];
  prototype.query = function (this: { __knexUid?: string }, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (this.__knexUid !== undefined && text !== undefined && !TRANSACTION_CONTROL.test(text))
      seen.push(text);
    return original.call(this, config, ...rest);
  };
  try {
    await run();
  } finally {
    prototype.query = original;
  }
  return seen;
}
