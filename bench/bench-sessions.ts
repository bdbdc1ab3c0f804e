import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/tokens.service';
import { BENCH_JWT_SECRET } from './processes';

export interface BenchUser {
  id: string;
  /** An access token the app (started with BENCH_JWT_SECRET) accepts, backed by a real auth_session row. */
  token: string;
}

/** One auth session and its signed access token for each of the first `limit` users (all when absent), by id. */
export async function signedSessions(db: Client, limit?: number): Promise<BenchUser[]> {
  const { rows } = await db.query<{ id: string; user_id: string }>(
    `insert into auth_session (id, user_id, created_at, expires_at)
     select gen_random_uuid(), u.id, now(), now() + interval '1 day'
       from (select id from "user" order by id limit $1) u
     returning id, user_id`,
    [limit ?? null],
  );
  return rows
    .map((r) => ({
      id: r.user_id,
      token: jwt.sign({ sub: r.user_id, sid: r.id }, BENCH_JWT_SECRET, {
        algorithm: 'HS256',
        expiresIn: 3600,
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      }),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
