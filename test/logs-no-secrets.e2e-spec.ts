import { MikroORM } from '@mikro-orm/postgresql';
import { Writable } from 'node:stream';
import { buildOrmOptions } from '../src/database/orm-options';
import { User } from '../src/users/entities/user.entity';
import { createUser, DEFAULT_PASSWORD, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/** Everything the app logs at `info` and above, one JSON line per entry. */
class CapturedLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

/**
 * A write that fails inside PostgreSQL is logged as an unexpected error. The driver's message carries the
 * statement with its values inlined (and the PostgreSQL message may quote them too), so the log must show
 * what failed (class, SQL state, table) and never the values: hashes, emails, passwords or tokens.
 */
describe('logs carry no secrets when a write fails', () => {
  const log = new CapturedLog();
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'info' }, { logStream: log });
    user = await createUser(t);
    // Message and detail quote the values on purpose, as PostgreSQL's own do (`Key (email)=(…) already exists`).
    await t.em().execute(`
      create function test_refuse_write() returns trigger language plpgsql as $$
      begin
        raise exception 'refused %', new.email
          using detail = 'hash ' || new.password_hash, table = tg_table_name;
      end $$;
      create trigger test_refuse_register before insert on "user"
        for each row when (new.email like 'doomed-%') execute function test_refuse_write();
      create trigger test_refuse_password before update on "user"
        for each row when (new.password_hash is distinct from old.password_hash) execute function test_refuse_write();
    `);
  });
  afterAll(() => t.close());

  const unexpectedErrors = (): Record<string, unknown>[] =>
    log.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.msg === 'unexpected error');

  it('registration: no email, password, hash or cookie in any line', async () => {
    const email = `doomed-${Date.now()}@example.org`;
    const password = 'registration-secret-passphrase-4711';
    const cookie = 'session-cookie-value-4242';
    const before = unexpectedErrors().length;
    await t.http
      .post('/auth/register')
      .set('Cookie', `sid=${cookie}`)
      .send({ email, password, displayName: 'Doomed Registrant' })
      .expect(500);

    const text = log.text();
    for (const secret of [email, password, '$argon2', cookie, 'Doomed Registrant'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/insert into|values \(/i);
    const errors = unexpectedErrors().slice(before);
    expect(errors).toHaveLength(1); // the failure is logged, only without its values
    expect(errors[0]).toMatchObject({ error: { type: 'DriverException', code: 'P0001', table: 'user' } });
  });

  it('password change: no current or new password, new hash, access or refresh token', async () => {
    const newPassword = 'the-new-secret-passphrase-9911';
    const before = unexpectedErrors().length;
    await t.http
      .patch('/me')
      .set(user.auth)
      .send({ password: newPassword, currentPassword: DEFAULT_PASSWORD })
      .expect(500);

    const text = log.text();
    for (const secret of [
      newPassword,
      DEFAULT_PASSWORD,
      '$argon2',
      user.accessToken,
      user.refreshToken,
      user.email,
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/update "user"|set "password_hash"/i);
    const errors = unexpectedErrors().slice(before);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ error: { code: 'P0001', table: 'user' } });
  });

  it('MikroORM query logging, even when switched on (MIKRO_ORM_DEBUG), writes placeholders, not values', async () => {
    const lines: string[] = [];
    const orm = await MikroORM.init(
      buildOrmOptions(t.databaseUrl, {
        debug: true,
        logger: (line) => lines.push(line),
        pool: { min: 0, max: 1 },
      }),
    );
    try {
      const em = orm.em.fork();
      expect(await em.findOne(User, { email: 'lookup-secret@example.org' })).toBeNull();
      await expect(
        em.insert(User, { email: 'doomed-orm@example.org', displayName: 'x', passwordHash: '$argon2id$orm' }),
      ).rejects.toThrow();
    } finally {
      await orm.close();
    }
    const text = lines.join('\n');
    expect(text).toMatch(/select .* from "user"/); // queries are logged…
    for (const value of ['lookup-secret@example.org', 'doomed-orm@example.org', '$argon2id$orm'])
      expect(text).not.toContain(value); // …without their values
  });
});
