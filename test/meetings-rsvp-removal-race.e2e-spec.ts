import { Client } from 'pg';
import { Rsvp } from '../src/meetings/entities/rsvp.entity';
import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { blockedOrFinished } from './support/locks';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A first RSVP racing the removal of its author: a separate connection plays the removal and holds the
 * membership row mid-transaction; once PostgreSQL reports the RSVP blocked behind it (pg_blocking_pids, no
 * timing), the removal commits, and the RSVP must see the membership ended instead of keeping a seat.
 */
describe('RSVP vs removal of its author', () => {
  let t: TestApp;
  let cast: GroupCast;
  let db: Client;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createGroupCast(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('waits for the removal and then refuses, keeping no seat', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 5 });
    await db.query('begin');
    await db.query(`update membership set status = 'removed' where group_id = $1 and user_id = $2`, [
      cast.group.id,
      cast.member.id,
    ]);
    const rsvp = t.http.put(`/meetings/${meeting.id}/rsvp`).set(cast.member.auth).send({ status: 'going' });
    const state = await blockedOrFinished(db, rsvp);
    await db.query('commit');
    const res = await rsvp;
    expect(state).toBe('blocked');
    expect([403, 404]).toContain(res.status);
    expect(await t.em().count(Rsvp, { meeting: meeting.id, user: cast.member.id })).toBe(0);
  });
});
