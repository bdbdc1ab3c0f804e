import { Client } from 'pg';
import { AssistanceRequestStep } from '../src/cooperation/entities/assistance-request-step.entity';
import { insertAssistanceRequest, organizationIdOf } from './factories/cooperation';
import { useGroupCast } from './factories/groups';
import type { TestUser } from './factories/users';
import { waitersOn } from './support/locks';

/**
 * Every step takes the request's row lock: two concurrent `matched` PATCHes apply one after the other, so one
 * answers 200 and the other, seeing `matched`, 409. The first test is deterministic (a separate connection holds
 * the lock until both requests wait on it); the second sends them at once, repeatedly.
 */
describe('two concurrent steps of one assistance request', () => {
  const { t, cast } = useGroupCast();
  const orgs = { cso: '', gov: '' };
  let db: Client;
  /** Polls the lock graph outside db's transaction (inside it, pg_stat_activity is one snapshot per transaction). */
  let watcher: Client;
  beforeAll(async () => {
    orgs.cso = await organizationIdOf(t, cast.member);
    orgs.gov = await organizationIdOf(t, cast.governmentAnchor);
    db = new Client({ connectionString: t.databaseUrl });
    // useGroupCast's afterAll (registered first, so run first) drops the test database under this connection.
    db.on('error', () => undefined);
    await db.connect();
    watcher = new Client({ connectionString: t.databaseUrl });
    watcher.on('error', () => undefined);
    await watcher.connect();
  });
  afterAll(async () => {
    await db.end().catch(() => undefined);
    await watcher.end().catch(() => undefined);
  });
  const open = async () => (await insertAssistanceRequest(t, cast.group.id, cast.member.id, orgs.cso)).id;
  const step = (id: string, as: TestUser, body: Record<string, unknown>) =>
    t.http.patch(`/assistance-requests/${id}`).set(as.auth).send(body);
  const matchBy = (id: string, who: TestUser) =>
    step(id, who, { status: 'matched', offeringOrganizationId: orgs.gov }).then((r) => r);

  async function expectOneApplied(id: string, results: { status: number; body: { code?: string } }[]) {
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('assistance.invalid_transition');
    expect(await t.em().count(AssistanceRequestStep, { request: id })).toBe(2);
    const { rows } = await db.query(
      `select count(*)::int as n from audit_event where entity_id = $1 and action = 'assistance_request.status_changed'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  }

  it('two matched PATCHes queued on the row lock: one 200, one 409', async () => {
    const id = await open();
    await db.query('begin');
    try {
      await db.query('select id from assistance_request where id = $1 for update', [id]);
      const both = Promise.all([matchBy(id, cast.governmentAnchor), matchBy(id, cast.civilSocietyAnchor)]);
      await waitersOn(watcher, 2);
      await db.query('commit');
      await expectOneApplied(id, await both);
    } finally {
      await db.query('rollback');
    }
  });

  it('two matched PATCHes sent at once, repeated: always one 200, one 409', async () => {
    for (let i = 0; i < 5; i++) {
      const id = await open();
      await expectOneApplied(
        id,
        await Promise.all([matchBy(id, cast.governmentAnchor), matchBy(id, cast.steward)]),
      );
    }
  });
});
