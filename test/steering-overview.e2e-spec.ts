import { EntityManager } from '@mikro-orm/postgresql';
import { GroupRole, GroupStatus } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { ActionItemStatus, MeetingStatus } from '../src/meetings/meetings.enums';
import { OrganizationKind } from '../src/organizations/organizations.enums';
import { addMember, createGroup } from './factories/groups';
import { createCivilSociety, createGovernment, createOrganization } from './factories/organizations';
import { actionItems, groupChannel, heldMeeting, insertReview, messageAt } from './factories/steering';
import { createSteward, createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
const dateDaysAgo = (days: number): string => daysAgo(days).toISOString().slice(0, 10);

interface OverviewItem {
  slug: string;
  status: string;
  flags: string[];
  [key: string]: unknown;
}

/** `GET /steering/overview`: anchors, meetings, 90-day metrics, participation balance, action items, flags. */
describe('steering overview', () => {
  let t: TestApp;
  let steward: TestUser;
  let govAnchor: TestUser;
  let csoAnchor: TestUser;
  let govColleague: TestUser;
  let unaffiliated: TestUser;
  let multilateral: TestUser;
  const groups: Record<string, WorkingGroup> = {};

  async function all(app: TestApp = t): Promise<Map<string, OverviewItem>> {
    const res = await app.http.get('/steering/overview?limit=200').set(steward.auth).expect(200);
    return new Map((res.body.items as OverviewItem[]).map((item) => [item.slug, item]));
  }

  beforeAll(async () => {
    t = await createTestApp();
    steward = await createSteward(t);
    const gov = await createGovernment(t);
    const cso = await createCivilSociety(t);
    govAnchor = await createUser(t, { organizationId: gov.id, displayName: 'Gov Anchor' });
    csoAnchor = await createUser(t, { organizationId: cso.id, displayName: 'CSO Anchor' });
    govColleague = await createUser(t, { organizationId: gov.id });
    unaffiliated = await createUser(t);
    const multi = await createOrganization(t, { kind: OrganizationKind.Multilateral });
    multilateral = await createUser(t, { organizationId: multi.id });

    // healthy: both anchors, a meeting held 10 days ago (and one outside the window), next one in 5 days.
    const healthy = (groups.healthy = await createGroup(t, { slug: 'ov-healthy' }));
    await addMember(t, healthy, govAnchor, GroupRole.Anchor);
    await addMember(t, healthy, csoAnchor, GroupRole.Anchor);
    await heldMeeting(t, healthy, govAnchor, daysAgo(10), {
      going: [govAnchor, csoAnchor, govColleague, unaffiliated],
      attended: [govAnchor, csoAnchor, govColleague, unaffiliated],
    });
    await heldMeeting(t, healthy, govAnchor, daysAgo(91), {
      going: [multilateral],
      attended: [multilateral],
    });
    await heldMeeting(t, healthy, govAnchor, daysAgo(-5), {}, MeetingStatus.Scheduled);
    const channel = await groupChannel(t, healthy);
    await messageAt(t, channel, govAnchor, daysAgo(1));
    await messageAt(t, channel, multilateral, daysAgo(2));
    await messageAt(t, channel, csoAnchor, daysAgo(3), true); // deleted: not an author
    await messageAt(t, channel, csoAnchor, daysAgo(95)); // outside the window
    await actionItems(t, healthy, govAnchor, csoAnchor, [
      { dueDate: dateDaysAgo(5), status: ActionItemStatus.Done, updatedAt: daysAgo(6) }, // on time
      { dueDate: dateDaysAgo(20), status: ActionItemStatus.Done, updatedAt: daysAgo(10) }, // late
      { dueDate: dateDaysAgo(3), status: ActionItemStatus.Open, updatedAt: daysAgo(30) }, // overdue
      { dueDate: dateDaysAgo(-3), status: ActionItemStatus.Open, updatedAt: daysAgo(30) }, // not due yet
      { dueDate: dateDaysAgo(120), status: ActionItemStatus.Open, updatedAt: daysAgo(130) }, // before the window
    ]);

    // quiet: no civil-society anchor, last meeting 100 days ago, nothing else, a review open since January.
    const quiet = (groups.quiet = await createGroup(t, {
      slug: 'ov-quiet',
      status: GroupStatus.UnderReview,
    }));
    await addMember(t, quiet, govAnchor, GroupRole.Anchor);
    await heldMeeting(t, quiet, govAnchor, daysAgo(100), {});
    await insertReview(t, quiet, steward, { periodStart: '2025-10-01', periodEnd: dateDaysAgo(31) });

    // edge: a meeting 89 days ago and a message 59 days ago are within the default thresholds...
    const inside = (groups.inside = await createGroup(t, { slug: 'ov-inside' }));
    await addMember(t, inside, govAnchor, GroupRole.Anchor);
    await addMember(t, inside, csoAnchor, GroupRole.Anchor);
    await heldMeeting(t, inside, govAnchor, daysAgo(89), {});
    await messageAt(t, await groupChannel(t, inside), govAnchor, daysAgo(59));
    await insertReview(t, inside, steward, { periodStart: '2025-10-01', periodEnd: dateDaysAgo(29) });
    // ...91 and 61 days are past them.
    const outside = (groups.outside = await createGroup(t, { slug: 'ov-outside' }));
    await addMember(t, outside, govAnchor, GroupRole.Anchor);
    await addMember(t, outside, csoAnchor, GroupRole.Anchor);
    await heldMeeting(t, outside, govAnchor, daysAgo(91), {});
    await messageAt(t, await groupChannel(t, outside), govAnchor, daysAgo(61));

    groups.sunset = await createGroup(t, { slug: 'ov-sunset', status: GroupStatus.Sunset });
  });
  afterAll(() => t.close());

  it('shows anchors by type, last and next meeting, and the metrics of the last 90 days', async () => {
    const item = (await all()).get('ov-healthy');
    expect(item).toMatchObject({
      status: 'active',
      anchors: {
        government: [{ userId: govAnchor.id, displayName: 'Gov Anchor' }],
        civilSociety: [{ userId: csoAnchor.id, displayName: 'CSO Anchor' }],
      },
      lastMeeting: { startsAt: expect.stringMatching(new RegExp(`^${dateDaysAgo(10)}T`)) },
      metrics: { meetingsHeld: 1, averageAttendanceRate: 1, messagesPosted: 2, documentsPublished: 0 },
      openReview: null,
      flags: [],
    });
    expect(item?.nextMeeting).toEqual(expect.objectContaining({ title: 'Inserted meeting' }));
    expect(new Date((item?.nextMeeting as { startsAt: string }).startsAt).getTime()).toBeGreaterThan(
      Date.now(),
    );
  });

  it('measures participation balance by organisation among attendees and message authors', async () => {
    const item = (await all()).get('ov-healthy');
    // Attendees: the government (twice) and the civil-society organisation; the unaffiliated user has none.
    // Authors: the government and the multilateral (the civil-society author's message was deleted).
    expect(item?.participationBalance).toEqual({
      meetingAttendees: { organizations: 2, government: 0.5, civilSociety: 0.5 },
      messageAuthors: { organizations: 2, government: 0.5, civilSociety: 0 },
    });
    expect(item?.actionItems).toEqual({ closedOnTime: 1, closedLate: 1, overdue: 1 });
  });

  it('raises every health flag for a neglected group, none for a sunset one', async () => {
    const items = await all();
    expect(items.get('ov-quiet')?.flags).toEqual([
      'no_recent_meeting',
      'missing_anchor_type',
      'inactive',
      'review_overdue',
    ]);
    expect(items.get('ov-quiet')?.anchors).toEqual({ government: [expect.anything()], civilSociety: [] });
    expect(items.get('ov-sunset')?.flags).toEqual([]);
  });

  it('draws the thresholds exactly: 89/59/29 days are fine, 91/61 are not', async () => {
    const items = await all();
    expect(items.get('ov-inside')?.flags).toEqual([]);
    expect(items.get('ov-outside')?.flags).toEqual(['no_recent_meeting', 'inactive']);
  });

  it('pages by slug with a cursor', async () => {
    const everything = [...(await all()).keys()];
    expect(everything).toEqual([...everything].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get(`/steering/overview?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(steward.auth)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: OverviewItem) => i.slug));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(everything);
  });

  it('costs the same number of statements whatever the number of groups', async () => {
    const spy = jest.spyOn(EntityManager.prototype, 'execute');
    try {
      spy.mockClear();
      await all();
      const before = spy.mock.calls.length;
      for (let i = 0; i < 15; i++) {
        const g = await createGroup(t);
        await addMember(t, g, govAnchor, GroupRole.Anchor);
        await heldMeeting(t, g, govAnchor, daysAgo(3), { going: [govAnchor], attended: [govAnchor] });
      }
      spy.mockClear();
      const items = await all();
      expect(items.size).toBeGreaterThan(15);
      expect(spy.mock.calls.length).toBe(before);
      // Groups page, anchors, metrics, balance (the spy sees them: it is not vacuous).
      expect(before).toBeGreaterThanOrEqual(4);
      expect(before).toBeLessThanOrEqual(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers the window and the thresholds in force', async () => {
    const res = await t.http.get('/steering/overview').set(steward.auth).expect(200);
    expect(res.body.thresholds).toEqual({ noMeetingDays: 90, inactiveDays: 60, reviewOverdueDays: 30 });
    const span = new Date(res.body.window.to).getTime() - new Date(res.body.window.from).getTime();
    expect(span).toBe(90 * DAY);
  });

  describe('with other thresholds', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await createTestApp({
        databaseUrl: t.databaseUrl,
        steeringNoMeetingDays: 120,
        steeringInactiveDays: 3650,
        steeringReviewOverdueDays: 3650,
      });
    });
    afterAll(() => other.close());

    it('reads them from the configuration', async () => {
      const items = await all(other);
      expect(items.get('ov-quiet')?.flags).toEqual(['missing_anchor_type', 'inactive']);
      expect(items.get('ov-outside')?.flags).toEqual([]);
    });
  });
});
