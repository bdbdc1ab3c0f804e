import { Client } from 'pg';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { GroupProposal } from '../src/steering/proposals/entities/group-proposal.entity';
import { ProposalStatus } from '../src/steering/proposals/proposals.enums';
import { createCivilSociety, createGovernment } from './factories/organizations';
import { setProposalStatus, submitProposal } from './factories/proposals';
import { createAdmin, createSteward, createUser, TestUser } from './factories/users';
import { blockedOrFinished } from './support/locks';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Decide and revise take the proposal row FOR UPDATE (docs/architecture.md, "Lock order"), so two concurrent
 * decisions cannot both apply. The first test races real requests (not deterministic, so repeated); the others
 * hold the lock from a separate connection and wait until PostgreSQL reports the request blocked on it.
 */
describe('group proposals under concurrency', () => {
  let t: TestApp;
  let orgs: string[];
  let proposer: TestUser;
  let steward: TestUser;
  let admin: TestUser;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp();
    orgs = [(await createGovernment(t)).id, (await createCivilSociety(t)).id];
    proposer = await createUser(t, { organizationId: orgs[1] });
    steward = await createSteward(t);
    admin = await createAdmin(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const decide = (user: TestUser, id: string, decision: string, rationale = 'Because.') =>
    t.http
      .post(`/proposals/${id}/decision`)
      .set(user.auth)
      .send({ decision, rationale })
      .then((r) => r);

  it('two decisions at once: one applies, the other is 409 (repeated)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { id, name } = await submitProposal(t, proposer, orgs);
      const [a, b] = await Promise.all([decide(steward, id, 'approved'), decide(admin, id, 'rejected')]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('proposal.already_decided');
      const stored = await t.em().findOneOrFail(GroupProposal, { id });
      expect(stored.status).toBe(a.status === 200 ? ProposalStatus.Approved : ProposalStatus.Rejected);
      expect(await t.em().count(WorkingGroup, { name })).toBe(a.status === 200 ? 1 : 0);
      expect(await t.em().count(AuditEvent, { entityId: id, action: 'proposal.decided' })).toBe(1);
    }
  });

  it('a decision waits for the proposal row lock and then sees the committed decision', async () => {
    const { id, name } = await submitProposal(t, proposer, orgs);
    await db.query('begin');
    try {
      await db.query('select id from group_proposal where id = $1 for update', [id]);
      await db.query(`update group_proposal set status = 'rejected' where id = $1`, [id]);
      const pending = decide(steward, id, 'approved');
      expect(await blockedOrFinished(db, pending)).toBe('blocked');
      await db.query('commit');
      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('proposal.already_decided');
    } finally {
      await db.query('rollback');
    }
    expect(await t.em().count(WorkingGroup, { name })).toBe(0);
  });

  it('a revision waits for the proposal row lock too', async () => {
    const { id } = await submitProposal(t, proposer, orgs);
    await setProposalStatus(t, id, ProposalStatus.ChangesRequested);
    await db.query('begin');
    try {
      await db.query('select id from group_proposal where id = $1 for update', [id]);
      await db.query(`update group_proposal set status = 'rejected' where id = $1`, [id]);
      const pending = t.http
        .patch(`/proposals/${id}`)
        .set(proposer.auth)
        .send({ scope: 'New.' })
        .then((r) => r);
      expect(await blockedOrFinished(db, pending)).toBe('blocked');
      await db.query('commit');
      expect((await pending).status).toBe(409);
    } finally {
      await db.query('rollback');
    }
  });
});
