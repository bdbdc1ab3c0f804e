import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { COMMIT_MESSAGE_BATCH, commitBatchValues } from '../src/discussion/send.queries';
import { GroupRole } from '../src/groups/groups.enums';
import { closeAllSockets, connectAs, generalChannelId, sendOk } from './factories/discussion';
import { useGroupCast } from './factories/groups';

/** Members added to the group, so that reading the group's membership would show as hundreds of rows. */
const EXTRA_MEMBERS = 400;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

/**
 * The send path's commit statement is bounded by its batch, not by the group: in a group of 400+ members a batch
 * of two (one a reply) reads membership rows only for its authors and the parent's author (one probe of the
 * (group_id, user_id) index each), and scans no table sequentially but the statement's own input. Checked on
 * the executed plan (EXPLAIN ANALYZE inside a transaction that is rolled back), with the statement's real text
 * and values: before this bound, the membership check read every active member (400 rows for a batch of two).
 */
describe('discussion: the commit statement reads what its batch needs, whatever the group size', () => {
  const { t, cast } = useGroupCast();
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: t.databaseUrl });
    // The suite's database is dropped (with force) by the cast's teardown, which may run before this one's.
    db.on('error', () => undefined);
    await db.connect();
    await db.query(
      `with u as (
         insert into "user" (id, created_at, updated_at, email, display_name, password_hash)
         select gen_random_uuid(), now(), now(), 'plan-' || i || '-' || $2 || '@example.org', 'Plan member ' || i, 'x'
         from generate_series(1, $1) i
         returning id)
       insert into membership (id, created_at, updated_at, group_id, user_id, role, status, approved_at)
       select gen_random_uuid(), now(), now(), $3, u.id, 'member', 'active', now() from u`,
      [EXTRA_MEMBERS, randomUUID().slice(0, 8), cast.group.id],
    );
    await db.query('analyze membership');
  });
  afterAll(async () => {
    closeAllSockets();
    await db?.end();
  });

  it('reads one membership row per author and per replied-to author, and seq-scans no table', async () => {
    const channelId = await generalChannelId(t, cast.member, cast.group.slug);
    const socket = await connectAs(t, cast.governmentAnchor);
    const parent = await sendOk(socket, { channelId, clientMessageId: randomUUID(), body: 'a parent' });
    const values = commitBatchValues(
      channelId,
      [
        {
          ord: 0,
          id: randomUUID(),
          authorId: cast.member.id,
          authorIsSteward: false,
          body: 'a reply',
          parentId: parent.id,
          clientMessageId: randomUUID(),
        },
        {
          ord: 1,
          id: randomUUID(),
          authorId: cast.civilSocietyAnchor.id,
          authorIsSteward: false,
          body: 'plain',
          parentId: null,
          clientMessageId: randomUUID(),
        },
      ],
      [GroupRole.Member, GroupRole.Anchor],
      new Date(),
    );
    await db.query('begin');
    let plan: PlanNode;
    let outcomes: string[];
    try {
      const explained = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (analyze, format json) ${COMMIT_MESSAGE_BATCH.text}`,
        values,
      );
      plan = explained.rows[0]['QUERY PLAN'][0].Plan;
      // The same statement, for real, in the same rolled-back transaction: it does what the plan was for.
      outcomes = (await db.query<{ outcome: string }>(COMMIT_MESSAGE_BATCH.text, values)).rows.map(
        (r) => r.outcome,
      );
    } finally {
      await db.query('rollback');
    }
    // The explained run inserted the batch, so the second run answers it as retries: both ran the whole path.
    expect(outcomes).toEqual(['existing', 'existing']);

    // Executed nodes only: the mention candidates (read only for a body with '@') stay in the plan, never run.
    const nodes = [...nodesOf(plan)].filter((n) => (n['Actual Loops'] ?? 0) > 0);
    // Per node: rows per loop (rounded by PostgreSQL) × loops; a probe per message bounds it by the batch.
    const membershipRows = nodes
      .filter((n) => n['Relation Name'] === 'membership')
      .reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1), 0);
    // Two authors and one parent author: at most one row per message and lookup, never the group's 400+.
    expect(membershipRows).toBeGreaterThanOrEqual(2);
    expect(membershipRows).toBeLessThanOrEqual(4);
    const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    expect(seqScans).toEqual([]);
  });
});
