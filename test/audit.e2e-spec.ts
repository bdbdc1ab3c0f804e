import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { verifyAuditChains } from '../src/audit/audit-verifier';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { createAdmin, createUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let db: Client;
  beforeAll(async () => {
    t = await createTestApp();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('chains every state change, with actor and request id, in one scope', async () => {
    const admin = await createAdmin(t);
    await t.http
      .post('/organizations')
      .set(admin.auth)
      .set('X-Request-Id', 'req-audit-1')
      .send({ name: 'Open Knowledge Chile', kind: 'civil_society', country: 'CL' })
      .expect(201);
    const event = await t.em().findOneOrFail(AuditEvent, { requestId: 'req-audit-1' });
    expect(event).toMatchObject({
      action: 'organization.created',
      actorId: admin.id,
      scope: 'platform',
      entityType: 'Organization',
    });
    expect(event.after).toMatchObject({ name: 'Open Knowledge Chile', country: 'CL' });
    const previous = await t.em().findOneOrFail(AuditEvent, { scope: 'platform', seq: event.seq - 1 });
    expect(event.prevHash).toBe(previous.hash);
    expect((await verifyAuditChains(t.em())).broken).toBeNull();
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await createUser(t);
    await expect(db.query("update audit_event set action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_event')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_event')).rejects.toThrow(/append-only/);
  });

  it('keeps a gapless chain under concurrent writers', async () => {
    const admin = await createAdmin(t);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http
          .post('/organizations')
          .set(admin.auth)
          .send({ name: `Concurrent Org ${i}`, kind: 'other', country: 'FR' })
          .expect(201),
      ),
    );
    const report = await verifyAuditChains(t.em());
    expect(report.broken).toBeNull();
    expect(report.events).toBe(await t.em().count(AuditEvent, {}));
  });

  it('detects a tampered row and names the first broken link (also through npm run audit:verify)', async () => {
    const user = await createUser(t);
    const victim = await t.em().findOneOrFail(AuditEvent, { entityId: user.id, action: 'user.registered' });
    // An attacker with superuser rights can bypass the trigger; the hash chain still gives them away.
    await db.query('alter table audit_event disable trigger audit_event_no_update_or_delete');
    await db.query(
      `update audit_event set after = jsonb_set(after, '{displayName}', '"Someone Else"') where id = $1`,
      [victim.id],
    );
    await db.query('alter table audit_event enable trigger audit_event_no_update_or_delete');

    const report = await verifyAuditChains(t.em());
    expect(report.broken).toMatchObject({
      scope: 'platform',
      seq: victim.seq,
      reason: expect.stringMatching(/altered/),
    });

    const run = promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, '../scripts/audit-verify.ts')],
      {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' },
      },
    );
    const failure = await run.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`at seq ${victim.seq}`);
  });
});
