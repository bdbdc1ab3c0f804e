/**
 * The HTTP lists' data set, written with set-based SQL (`generate_series`), never through the API: 50 groups,
 * 5,000 users each an active member of 3 groups, a general and a topic channel per group, and messages spread
 * evenly over the 100 channels. `growMessages` appends to every channel (seq continues, `last_seq` follows), so
 * the same data set is measured at 10k and then at 1M messages.
 *
 * The caller of every measured request is user 0 (member of groups 0, 17 and 33: 6 channels): its read marker
 * sits at half of each general channel's first 10k-stage history and it has none on topics; every 50th message
 * mentions it; every 200th message is a tombstone; it wrote every 100th message of group 0's channels.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import jwt from 'jsonwebtoken';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/tokens.service';
import { BENCH_JWT_SECRET } from './processes';

export const GROUPS = 50;
export const USERS = 5_000;
const CHANNELS_PER_GROUP = 2;

export interface HttpDataset {
  callerId: string;
  /** Bearer token of the caller (a live session). */
  token: string;
  /** A channel of the caller's (group 0's general channel) whose history is read. */
  channelId: string;
  /** Messages in the table now. */
  messages: number;
}

/** Deterministic uuids so that memberships and authors can be computed in SQL from the user's index. */
const userUuid = (i: string): string => `('00000000-0000-4000-8000-' || lpad(to_hex(${i}), 12, '0'))::uuid`;

export async function loadHttpDataset(databaseUrl: string, messages: number): Promise<HttpDataset> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `insert into "user" (id, created_at, updated_at, email, display_name, password_hash)
       select ${userUuid('i')}, now(), now(), 'bench-u' || i || '@example.org', 'Bench User ' || i, 'bench-no-login'
       from generate_series(0, $1 - 1) i`,
      [USERS],
    );
    await db.query(
      `insert into working_group (id, created_at, updated_at, slug, name, theme, description, status, visibility)
       select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, now() + g * interval '1 ms', now(),
         'bench-g' || lpad(g::text, 2, '0'), 'Bench group ' || lpad(g::text, 2, '0'), 'open_data',
         'Bulk-loaded by npm run bench.', 'active', case when g % 2 = 0 then 'public' else 'members' end::group_visibility
       from generate_series(0, $1 - 1) g`,
      [GROUPS],
    );
    // User i is in groups i % 50, (i + 17) % 50 and (i + 33) % 50: 300 active members per group.
    await db.query(
      `insert into membership (id, created_at, updated_at, group_id, user_id, role, status, approved_at)
       select gen_random_uuid(), now(), now(), ('00000000-0000-4000-9000-' || lpad(to_hex((i + k) % $2), 12, '0'))::uuid,
         ${userUuid('i')}, case when i < $2 then 'anchor' else 'member' end::group_role, 'active', now()
       from generate_series(0, $1 - 1) i, unnest(array[0, 17, 33]) k`,
      [USERS, GROUPS],
    );
    await db.query(
      `insert into channel (id, created_at, updated_at, group_id, kind, name)
       select gen_random_uuid(), now() + k * interval '1 ms', now(), g.id,
         case when k = 0 then 'general' else 'topic' end::channel_kind, case when k = 0 then 'General' else 'Topic ' || k end
       from working_group g, generate_series(0, $1 - 1) k`,
      [CHANNELS_PER_GROUP],
    );
    await growMessages(db, messages);
    // The caller's read markers: half way through each general channel's history at this stage.
    await db.query(
      `insert into read_marker (id, user_id, channel_id, last_read_seq, updated_at)
       select gen_random_uuid(), ms.user_id, c.id, c.last_seq / 2, now()
       from membership ms join channel c on c.group_id = ms.group_id and c.kind = 'general'
       where ms.user_id = ${userUuid('0')}`,
    );
    const sessionId = randomUUID();
    await db.query(
      `insert into auth_session (id, user_id, created_at, expires_at) values ($1, ${userUuid('0')}, now(), now() + interval '1 day')`,
      [sessionId],
    );
    const [{ id: callerId }] = (await db.query<{ id: string }>(`select ${userUuid('0')} as id`)).rows;
    const [{ id: channelId }] = (
      await db.query<{ id: string }>(
        `select c.id from channel c join working_group g on g.id = c.group_id
         where g.slug = 'bench-g00' and c.kind = 'general'`,
      )
    ).rows;
    const token = jwt.sign({ sub: callerId, sid: sessionId }, BENCH_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 3600,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    return { callerId, token, channelId, messages };
  } finally {
    await db.end();
  }
}

/** Appends messages evenly to every channel until the table holds `total` rows, then ANALYZE. */
export async function growMessages(db: Client, total: number): Promise<void> {
  const [{ n }] = (await db.query<{ n: string }>('select count(*) as n from message')).rows;
  const [{ channels }] = (await db.query<{ channels: string }>('select count(*) as channels from channel'))
    .rows;
  const perChannel = Math.ceil((total - Number(n)) / Number(channels));
  if (perChannel <= 0) return;
  // Author of seq s in group g: user g + 50 * (s % 100), a member of g (its index is g modulo 50). Every 50th
  // message mentions user 0, every 200th is a tombstone.
  await db.query(
    `with c as (
       select c.id, c.last_seq, (('x' || right(g.id::text, 8))::bit(32)::int) as gi
       from channel c join working_group g on g.id = c.group_id
     )
     insert into message (id, channel_id, seq, author_id, body, mentions, client_message_id, edits, created_at, deleted_at)
     select gen_random_uuid(), c.id, c.last_seq + s,
       ('00000000-0000-4000-8000-' || lpad(to_hex(c.gi + 50 * ((c.last_seq + s) % 100)), 12, '0'))::uuid,
       case when (c.last_seq + s) % 200 = 0 then null else 'Bench message ' || (c.last_seq + s) || ' with some words in it' end,
       case when (c.last_seq + s) % 50 = 0 and (c.last_seq + s) % 200 <> 0
         then array['00000000-0000-4000-8000-000000000000'::uuid] else '{}' end,
       'bench-' || (c.last_seq + s), '[]', now(),
       case when (c.last_seq + s) % 200 = 0 then now() end
     from c, generate_series(1, $1) s`,
    [perChannel],
  );
  await db.query(
    `update channel c set last_seq = m.top from (select channel_id, max(seq) as top from message group by channel_id) m
     where m.channel_id = c.id`,
  );
  await db.query('analyze');
}
