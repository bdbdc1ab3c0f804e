import { Client } from 'pg';
import { GroupRole } from '../src/groups/groups.enums';
import { proposeArea, takePosition } from './factories/consensus';
import { addMember, createGroup, createGroupCast, GroupCast } from './factories/groups';
import { blockedOrFinished } from './support/locks';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Adoption vs a position write, deterministic: a separate pg connection plays one side mid-transaction and holds
 * the area row; we wait until PostgreSQL reports the request blocked by it (pg_blocking_pids, no timing), commit,
 * and check the request saw what was committed (docs/architecture.md, "Lock order", the priority area row).
 */
describe('priority areas: adoption vs a position write (lock graph)', () => {
  let t: TestApp;
  let cast: GroupCast;
  let db: Client;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createGroupCast(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  // The connection ends before the app drops its database.
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function freshGroup() {
    const group = await createGroup(t);
    await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
    await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
    await addMember(t, group, cast.member, GroupRole.Member);
    return group;
  }

  it('adopt waits for a position write holding the area row, then counts what it committed', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await takePosition(t, cast.governmentAnchor, area.id, 'agree');
    await takePosition(t, cast.civilSocietyAnchor, area.id, 'agree');
    // Play a position write mid-transaction: the area row share-locked, an objection written, not committed.
    await db.query('begin');
    await db.query('select id from priority_area where id = $1 for share', [area.id]);
    await db.query(
      `insert into priority_area_position
           (priority_area_id, user_id, position, reason, constituency, affiliation_verified, created_at, updated_at)
         values ($1, $2, 'object', 'late objection', 'civil_society', true, now(), now())`,
      [area.id, cast.member.id],
    );
    const adopting = t.http.post(`/priority-areas/${area.id}/adopt`).set(cast.governmentAnchor.auth).send({});
    const pending = adopting.then((r) => r);
    expect(await blockedOrFinished(db, pending)).toBe('blocked');
    await db.query('commit');
    const res = await pending;
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('priority_area.objection_open');
  });

  it('a position write waits for an adoption holding the area row, then finds the area decided', async () => {
    const group = await freshGroup();
    const area = await proposeArea(t, cast.member, group.slug);
    await db.query('begin');
    await db.query('select id from priority_area where id = $1 for update', [area.id]);
    await db.query(`update priority_area set status = 'adopted', adopted_at = now() where id = $1`, [
      area.id,
    ]);
    const pending = t.http
      .put(`/priority-areas/${area.id}/position`)
      .set(cast.member.auth)
      .send({ position: 'agree' })
      .then((r) => r);
    expect(await blockedOrFinished(db, pending)).toBe('blocked');
    await db.query('commit');
    const res = await pending;
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('priority_area.decided');
  });
});
