/**
 * The HTTP ceiling (run as a child process by bench/http-lists.ts): a minimal Express server answering the three
 * measured routes with `pg` alone, running the app's SQL (the very statements for `/me/unread` and the group
 * visibility rule, the same reads for history), after the same session check as the app's JWT strategy
 * (HS256 signature, issuer, audience, expiry, then a live session of an enabled user). No validation pipe, no
 * ORM, no DTO classes, no logging: what any Node server must at least do for these answers.
 */
import express, { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { jwtSigningKey } from '../src/auth/jwt-key';
import { ACCESS_TOKEN_VERIFY } from '../src/auth/tokens.service';
import { PlatformRole, STEWARD_ROLES } from '../src/common/auth/platform-role.enums';
import { SqlFragment } from '../src/common/sql';
import { unreadCountsSql } from '../src/discussion/discussion.queries';
import { groupVisibleSql } from '../src/groups/groups.queries';
import { BENCH_JWT_SECRET } from './processes';

/** `?` placeholders (MikroORM's) to `$n` (pg's). */
const numbered = (q: SqlFragment): { text: string; values: unknown[] } => {
  let n = 0;
  return { text: q.sql.replace(/\?/g, () => `$${++n}`), values: q.params };
};

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 10),
});
// A KeyObject made once, as the app makes it: a string secret is re-derived on every verify.
const jwtKey = jwtSigningKey(BENCH_JWT_SECRET);
const app = express();
app.disable('x-powered-by');

interface Caller {
  id: string;
  role: PlatformRole;
}

async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const header = req.headers.authorization ?? '';
    const claims = jwt.verify(header.replace(/^Bearer /, ''), jwtKey, ACCESS_TOKEN_VERIFY) as {
      sub: string;
      sid: string;
    };
    const { rows } = await pool.query<Caller>(
      `select u.id, u.role from auth_session s join "user" u on u.id = s.user_id
       where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now() and not u.disabled`,
      [claims.sid, claims.sub],
    );
    if (rows.length === 0) {
      res.status(401).json({ status: 401 });
      return;
    }
    res.locals.caller = rows[0];
    next();
  } catch {
    res.status(401).json({ status: 401 });
  }
}

app.get('/working-groups', authenticate, async (_req, res) => {
  const caller = res.locals.caller as Caller;
  const visible = groupVisibleSql('g', { userId: caller.id, isSteward: STEWARD_ROLES.includes(caller.role) });
  const { text, values } = numbered({
    sql: `select g.* from working_group g where ${visible.sql} order by g.name asc, g.id asc limit 51`,
    params: visible.params,
  });
  const groups = (await pool.query(text, values)).rows;
  const page = groups.slice(0, 50);
  const own = (
    await pool.query(
      'select group_id, role, status from membership where user_id = $1 and group_id = any($2)',
      [caller.id, page.map((g) => g.id)],
    )
  ).rows;
  const byGroup = new Map(own.map((m) => [m.group_id, m]));
  res.json({
    items: page.map((g) => {
      const m = byGroup.get(g.id);
      return { ...g, myMembership: m ? { role: m.role, status: m.status } : null };
    }),
    nextCursor: groups.length > 50 ? 'more' : null,
  });
});

app.get('/channels/:id/messages', authenticate, async (req, res) => {
  const caller = res.locals.caller as Caller;
  const { rows: access } = await pool.query(
    `select c.id, c.restricted, ms.role, ms.status from channel c
     left join membership ms on ms.group_id = c.group_id and ms.user_id = $2 where c.id = $1`,
    [req.params.id, caller.id],
  );
  if (access.length === 0 || access[0].status !== 'active') {
    res.status(404).json({ status: 404 });
    return;
  }
  const rows = (
    await pool.query('select * from message where channel_id = $1 order by seq desc limit 51', [
      req.params.id,
    ])
  ).rows;
  const page = rows.slice(0, 50).reverse();
  const ids = page.map((m) => m.id);
  const authors = (
    await pool.query('select id, display_name from "user" where id = any($1)', [page.map((m) => m.author_id)])
  ).rows;
  const reactions = (
    await pool.query('select message_id, emoji, user_id from message_reaction where message_id = any($1)', [
      ids,
    ])
  ).rows;
  const names = new Map(authors.map((a) => [a.id, a.display_name]));
  res.json({
    items: page.map((m) => ({
      id: m.id,
      channelId: m.channel_id,
      seq: m.seq,
      author: { id: m.author_id, displayName: names.get(m.author_id) },
      body: m.deleted_at ? null : m.body,
      parentId: m.parent_id,
      mentions: m.deleted_at ? [] : m.mentions,
      reactions: reactions.filter((r) => r.message_id === m.id),
      createdAt: m.created_at,
      editedAt: m.edited_at,
      deletedAt: m.deleted_at,
    })),
    hasMore: rows.length > 50,
    nextCursor: null,
  });
});

app.get('/me/unread', authenticate, async (_req, res) => {
  const caller = res.locals.caller as Caller;
  const { text, values } = numbered(unreadCountsSql(caller.id, STEWARD_ROLES.includes(caller.role)));
  const rows = (await pool.query(text, values)).rows.map((r) => ({
    channelId: r.channel_id,
    channelName: r.channel_name,
    groupSlug: r.group_slug,
    groupName: r.group_name,
    unread: Number(r.unread),
    mentions: Number(r.mentions),
  }));
  res.json({
    items: rows,
    nextCursor: null,
    totalUnread: rows.reduce((s, r) => s + r.unread, 0),
    totalMentions: rows.reduce((s, r) => s + r.mentions, 0),
  });
});

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
