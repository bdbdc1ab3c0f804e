import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { createGroup } from './factories/groups';
import { createCivilSociety, createGovernment } from './factories/organizations';
import {
  assistanceAt,
  at,
  commitmentAt,
  documentWithVersions,
  groupChannel,
  heldMeeting,
  membershipAt,
  messageAt,
  priorityAreaAt,
} from './factories/steering';
import { createSteward, createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A group's history in the period [2026-03-01, 2026-04-01) and just outside it, and the review metrics checked
 * against numbers counted by hand (docs/steering.md, "Reviews"). Live while open, frozen once decided.
 */
describe('review metrics', () => {
  let t: TestApp;
  let steward: TestUser;
  let people: TestUser[];
  let group: WorkingGroup;
  let reviewId: string;
  const review = (id: string) => t.http.get(`/reviews/${id}`).set(steward.auth);

  beforeAll(async () => {
    t = await createTestApp();
    steward = await createSteward(t);
    const [gov, cso] = [await createGovernment(t), await createCivilSociety(t)];
    people = [];
    for (let i = 0; i < 7; i++) {
      people.push(await createUser(t, { organizationId: i % 2 === 0 ? gov.id : cso.id }));
    }
    const [a, b, c, d, e, f, g] = people;
    group = await createGroup(t);

    // Memberships: active at 2026-04-01T00:00Z are a, b (joined before), e (left after), g (removed exactly
    // at the end: active through the whole period). c joined at the end, d left before it, f only asked.
    await membershipAt(
      t,
      group,
      a,
      MembershipStatus.Active,
      at('2026-01-10T00:00:00Z'),
      undefined,
      GroupRole.Anchor,
    );
    await membershipAt(
      t,
      group,
      b,
      MembershipStatus.Active,
      at('2026-03-20T00:00:00Z'),
      undefined,
      GroupRole.Anchor,
    );
    await membershipAt(t, group, c, MembershipStatus.Active, at('2026-04-01T00:00:00Z'));
    await membershipAt(
      t,
      group,
      d,
      MembershipStatus.Left,
      at('2026-01-05T00:00:00Z'),
      at('2026-03-15T00:00:00Z'),
    );
    await membershipAt(
      t,
      group,
      e,
      MembershipStatus.Left,
      at('2026-01-05T00:00:00Z'),
      at('2026-04-10T00:00:00Z'),
    );
    await membershipAt(t, group, f, MembershipStatus.Requested, at('2026-01-01T00:00:00Z'));
    await membershipAt(
      t,
      group,
      g,
      MembershipStatus.Removed,
      at('2026-02-01T00:00:00Z'),
      at('2026-04-01T00:00:00Z'),
    );

    // Meetings held in the period: the first instant and the last second. Rate (3 + 1) / (4 + 2).
    await heldMeeting(t, group, a, at('2026-03-01T00:00:00Z'), {
      going: [a, b, c, d],
      waitlisted: [e], // going, but no seat: not counted
      attended: [a, b, c],
    });
    await heldMeeting(t, group, a, at('2026-03-31T23:59:59Z'), { going: [a, b], attended: [a] });
    // Outside: just before, exactly at the end, and in the period but not concluded.
    await heldMeeting(t, group, a, at('2026-02-28T23:59:59Z'), { going: [a], attended: [a, b] });
    await heldMeeting(t, group, a, at('2026-04-01T00:00:00Z'), { going: [a, b, c], attended: [a, b, c] });
    await heldMeeting(t, group, a, at('2026-03-10T10:00:00Z'), { going: [a, b] }, MeetingStatus.Cancelled);
    await heldMeeting(
      t,
      group,
      a,
      at('2026-03-11T10:00:00Z'),
      { going: [a], attended: [a] },
      MeetingStatus.Live,
    );

    // Documents: published in the period when the first version is (deleted ones left out).
    await documentWithVersions(t, group, a, [at('2026-03-01T00:00:00Z')]);
    await documentWithVersions(t, group, a, [at('2026-03-10T00:00:00Z'), at('2026-04-02T00:00:00Z')]);
    await documentWithVersions(t, group, a, [at('2026-02-20T00:00:00Z'), at('2026-03-15T00:00:00Z')]);
    await documentWithVersions(t, group, a, [at('2026-04-01T00:00:00Z')]);
    await documentWithVersions(t, group, a, [at('2026-03-12T00:00:00Z')], at('2026-03-13T00:00:00Z'));

    // Messages: three in the period, one deleted, one just before, one at the end.
    const channel = await groupChannel(t, group);
    await messageAt(t, channel, a, at('2026-03-01T00:00:00Z'));
    await messageAt(t, channel, b, at('2026-03-15T12:00:00Z'));
    await messageAt(t, channel, c, at('2026-03-31T23:59:59.999Z'));
    await messageAt(t, channel, a, at('2026-03-20T00:00:00Z'), true);
    await messageAt(t, channel, a, at('2026-02-28T23:59:59.999Z'));
    await messageAt(t, channel, a, at('2026-04-01T00:00:00Z'));
    // Priority areas: adopted at the first instant and the last millisecond (one retired since), not before,
    // not at the end, and one still proposed.
    await priorityAreaAt(t, group, a, 'adopted', at('2026-03-01T00:00:00Z'));
    await priorityAreaAt(t, group, a, 'retired', at('2026-03-31T23:59:59.999Z'));
    await priorityAreaAt(t, group, a, 'adopted', at('2026-02-28T23:59:59.999Z'));
    await priorityAreaAt(t, group, a, 'adopted', at('2026-04-01T00:00:00Z'));
    await priorityAreaAt(t, group, a, 'proposed', null);
    // Commitments supported at the end: recorded before it (long before counts too), not at the end.
    await commitmentAt(t, group, a, 'A1', at('2025-06-01T00:00:00Z'));
    await commitmentAt(t, group, a, 'A2', at('2026-03-31T23:59:59.999Z'));
    await commitmentAt(t, group, a, 'A3', at('2026-04-01T00:00:00Z'));
    // Assistance requests open at the end: still open, closed after it, withdrawn exactly at it (closed by then
    // does not count), closed in the period, asked at the end.
    await assistanceAt(t, group, a, gov.id, at('2026-02-01T00:00:00Z'), null, 'matched');
    await assistanceAt(t, group, a, gov.id, at('2026-03-05T00:00:00Z'), at('2026-04-05T00:00:00Z'), 'closed');
    await assistanceAt(
      t,
      group,
      a,
      gov.id,
      at('2026-03-06T00:00:00Z'),
      at('2026-03-31T00:00:00Z'),
      'withdrawn',
    );
    await assistanceAt(t, group, a, gov.id, at('2026-03-07T00:00:00Z'), at('2026-03-20T00:00:00Z'), 'closed');
    await assistanceAt(t, group, a, gov.id, at('2026-04-01T00:00:00Z'), null, 'open');
    // Another group's activity in the period counts for that group only.
    const other = await createGroup(t);
    await heldMeeting(t, other, a, at('2026-03-05T00:00:00Z'), { going: [a], attended: [a] });
    await messageAt(t, await groupChannel(t, other), a, at('2026-03-05T00:00:00Z'));

    const res = await t.http
      .post(`/working-groups/${group.slug}/reviews`)
      .set(steward.auth)
      .send({ periodStart: '2026-03-01', periodEnd: '2026-04-01' })
      .expect(201);
    reviewId = res.body.id as string;
  });
  afterAll(() => t.close());

  const expected = {
    meetingsHeld: 2,
    averageAttendanceRate: 0.6667,
    documentsPublished: 2,
    activeMembers: 4,
    messagesPosted: 3,
    priorityAreasAdopted: 2,
    commitmentsSupported: 2,
    openAssistanceRequests: 2,
  };

  it('computes every metric from the rows in the period, and none outside it', async () => {
    const res = await review(reviewId).expect(200);
    expect(res.body.metrics).toEqual(expected);
    expect(res.body.metricsFrozen).toBe(false);
  });

  it('is live while the review is open', async () => {
    const channel = await groupChannel(t, group);
    await messageAt(t, channel, people[0], at('2026-03-02T00:00:00Z'));
    expect((await review(reviewId).expect(200)).body.metrics.messagesPosted).toBe(4);
    const list = await t.http.get(`/working-groups/${group.slug}/reviews`).set(steward.auth).expect(200);
    expect(list.body.items[0].metrics.messagesPosted).toBe(4);
  });

  it('freezes the metrics at the decision: later rows no longer change them', async () => {
    const decided = await t.http
      .post(`/reviews/${reviewId}/decision`)
      .set(steward.auth)
      .send({ decision: 'continue', rationale: 'Healthy group.' })
      .expect(200);
    const frozen = { ...expected, messagesPosted: 4 };
    expect(decided.body).toMatchObject({ metrics: frozen, metricsFrozen: true, status: 'decided' });
    const channel = await groupChannel(t, group);
    await messageAt(t, channel, people[0], at('2026-03-03T00:00:00Z'));
    await heldMeeting(t, group, people[0], at('2026-03-04T00:00:00Z'), { going: [people[0]] });
    await documentWithVersions(t, group, people[0], [at('2026-03-05T00:00:00Z')]);
    expect((await review(reviewId).expect(200)).body.metrics).toEqual(frozen);
    const stored = await t
      .em()
      .execute<{ metrics: unknown }[]>('select metrics from review where id = ?', [reviewId]);
    expect(stored[0].metrics).toEqual(frozen);
  });

  it('answers null for the attendance rate when the held meetings had no going RSVP', async () => {
    const quiet = await createGroup(t);
    await heldMeeting(t, quiet, people[0], at('2026-03-05T00:00:00Z'), { attended: [people[0]] });
    const res = await t.http
      .post(`/working-groups/${quiet.slug}/reviews`)
      .set(steward.auth)
      .send({ periodStart: '2026-03-01', periodEnd: '2026-04-01' })
      .expect(201);
    expect(res.body.metrics).toMatchObject({
      meetingsHeld: 1,
      averageAttendanceRate: null,
      activeMembers: 0,
    });
  });
});
