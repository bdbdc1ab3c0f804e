import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { preparedStatement, queryPrepared } from '../src/common/prepared-statement';
import { createTestApp, TestApp } from './support/test-app';

const BACKEND = preparedStatement('convene_test_backend', 'select pg_backend_pid() as pid, ?::text as echo');
const INSERT_SESSION = preparedStatement(
  'convene_test_insert_session',
  `insert into auth_session (id, user_id, created_at, expires_at)
   select ?::uuid, id, now(), now() + interval '1 hour' from "user" order by id limit 1 returning id`,
);

/** queryPrepared against the real pool and real transactions (the send path's commit runs through it). */
describe('queryPrepared', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.em().execute(
      `insert into "user" (id, created_at, updated_at, email, display_name, password_hash)
       values (gen_random_uuid(), now(), now(), 'prepared@example.org', 'Prepared', 'x')`,
    );
  });
  afterAll(() => t?.close());

  it('answers rows with values sent as parameters (a quote is data, not SQL)', async () => {
    const rows = await queryPrepared<{ echo: string }>(t.em(), BACKEND, ["it's"]);
    expect(rows).toEqual([expect.objectContaining({ echo: "it's" })]);
  });

  it("runs inside the caller's transaction: same connection, rolled back with it", async () => {
    const id = randomUUID();
    await expect(
      t.em().transactional(async (em) => {
        const [outer] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
        const [inner] = await queryPrepared<{ pid: number }>(em, BACKEND, ['x']);
        expect(inner.pid).toBe(outer.pid);
        await queryPrepared(em, INSERT_SESSION, [id]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await t.em().execute('select 1 from auth_session where id = ?', [id])).toEqual([]);
  });

  it('converts errors as em.execute does (a duplicate key is a UniqueConstraintViolationException)', async () => {
    const id = randomUUID();
    await queryPrepared(t.em(), INSERT_SESSION, [id]);
    await expect(queryPrepared(t.em(), INSERT_SESSION, [id])).rejects.toBeInstanceOf(
      UniqueConstraintViolationException,
    );
  });
});
