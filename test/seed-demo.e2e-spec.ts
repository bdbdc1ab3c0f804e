import { verifyAuditChains } from '../src/audit/audit-verifier';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { Channel } from '../src/discussion/entities/channel.entity';
import { ChannelKind } from '../src/discussion/discussion.enums';
import { Message } from '../src/discussion/entities/message.entity';
import { AgendaItem } from '../src/meetings/entities/agenda-item.entity';
import { AgendaItemStatus, MeetingStatus, MinutesStatus } from '../src/meetings/meetings.enums';
import { Attendance } from '../src/meetings/entities/attendance.entity';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { ActionItem, Minutes } from '../src/meetings/entities/minutes.entity';
import { Rsvp } from '../src/meetings/entities/rsvp.entity';
import { Membership } from '../src/groups/membership/entities/membership.entity';
import { Organization } from '../src/organizations/entities/organization.entity';
import { User } from '../src/users/entities/user.entity';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { GroupStatus } from '../src/groups/groups.enums';
import { slugify } from '../src/groups/working-groups/slug';
import { DEMO_PASSWORD, DemoSeedResult, seedDemo } from '../scripts/demo/seed';
import { anchorEmail, DEMO_GROUPS, DEMO_ORGANIZATIONS, DEMO_USERS } from '../scripts/demo/data';
import { DEMO_PROPOSAL_NAME } from '../scripts/demo/seed-proposals';
import { GroupProposal } from '../src/steering/proposals/entities/group-proposal.entity';
import { ProposalStatus } from '../src/steering/proposals/proposals.enums';
import { createTestApp, TestApp } from './support/test-app';
import { Document } from '../src/documents/entities/document.entity';
import { documentsConfig } from './factories/documents';
import { DocumentVersion } from '../src/documents/entities/document-version.entity';
import { AssistanceRequest } from '../src/cooperation/entities/assistance-request.entity';
import { AssistanceRequestStep } from '../src/cooperation/entities/assistance-request-step.entity';
import { Commitment } from '../src/cooperation/entities/commitment.entity';
import { DEMO_REVIEW_GROUP, DEMO_SELF_ASSESSMENT, lastFullQuarter } from '../scripts/demo/seed-reviews';
import { Review } from '../src/steering/reviews/entities/review.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationKind } from '../src/notifications/notifications.enums';
import { PlatformRole } from '../src/common/auth/platform-role.enums';
import { CommitmentProgressNote } from '../src/cooperation/entities/commitment-progress-note.entity';

describe('demo data seed', () => {
  let t: TestApp;
  let first: DemoSeedResult;
  let firstCounts: Record<string, number>;
  let secondCounts: Record<string, number>;
  let second: DemoSeedResult;

  const counts = async () => {
    const em = t.em();
    return {
      organizations: await em.count(Organization),
      users: await em.count(User),
      groups: await em.count(WorkingGroup),
      memberships: await em.count(Membership),
      meetings: await em.count(Meeting),
      agendaItems: await em.count(AgendaItem),
      rsvps: await em.count(Rsvp),
      attendance: await em.count(Attendance),
      minutes: await em.count(Minutes),
      actionItems: await em.count(ActionItem),
      channels: await em.count(Channel),
      messages: await em.count(Message),
      auditEvents: await em.count(AuditEvent),
    };
  };

  beforeAll(async () => {
    t = await createTestApp(documentsConfig());
    first = await seedDemo(t.app);
    firstCounts = await counts();
    second = await seedDemo(t.app);
    secondCounts = await counts();
  });
  afterAll(() => t.close());

  const activeSlugs = DEMO_GROUPS.filter((g) => g.status === GroupStatus.Active).map((g) => slugify(g.name));

  it('loads the OGP-style groups, activates anchored ones, and adds nothing on a second run', async () => {
    expect(first.logins).toHaveLength(DEMO_USERS.length);
    expect(firstCounts).toMatchObject({
      organizations: DEMO_ORGANIZATIONS.length,
      users: DEMO_USERS.length,
      groups: DEMO_GROUPS.length,
    });
    expect(firstCounts.auditEvents).toBeGreaterThan(firstCounts.memberships);
    expect(secondCounts).toEqual(firstCounts);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);

    const res = await t.http.get('/working-groups?limit=200').expect(200);
    const bySlug = new Map(
      (res.body.items as { slug: string; status: string }[]).map((g) => [g.slug, g.status] as const),
    );
    expect(bySlug.get('fiscal-openness')).toBe(GroupStatus.Active);
    expect(bySlug.get('anti-corruption')).toBe(GroupStatus.Active);
    expect(bySlug.get('digital-governance')).toBe(GroupStatus.Proposed);
    const detail = await t.http.get('/working-groups/anti-corruption').expect(200);
    expect(detail.body.anchors).toHaveLength(5);
    expect(new Set(detail.body.anchors.map((a: { anchorType: string }) => a.anchorType))).toEqual(
      new Set(['government', 'civil_society']),
    );
    await t.http
      .post('/auth/login')
      .send({ email: first.logins[0].email, password: DEMO_PASSWORD })
      .expect(200);
  });

  it('created sessions, agendas, RSVPs, minutes and messages on the first run only', () => {
    expect(first.activeGroups.sort()).toEqual([...activeSlugs].sort());
    const { created } = first;
    expect(created.meetings).toBe(2 * activeSlugs.length);
    expect(created.minutes).toBe(activeSlugs.length);
    expect(created).toMatchObject({
      meetings: firstCounts.meetings,
      agendaItems: firstCounts.agendaItems,
      rsvps: firstCounts.rsvps,
      attendance: firstCounts.attendance,
      minutes: firstCounts.minutes,
      actionItems: firstCounts.actionItems,
      messages: firstCounts.messages,
    });
  });

  it('adds one pending group proposal for the Steering Committee, once', async () => {
    expect([first.created.proposals, second.created.proposals]).toEqual([1, 0]);
    const proposals = await t.em().find(GroupProposal, {}, { populate: ['proposer'] });
    expect(proposals.map((p) => [p.name, p.status, p.proposer.getEntity().email])).toEqual([
      [DEMO_PROPOSAL_NAME, ProposalStatus.Submitted, anchorEmail('brazil')],
    ]);
    expect(proposals[0].proposedAnchorUserIds).toHaveLength(2);
  });

  it('gives every active group a two-version PDF and a CSV, sniffed and downloadable', async () => {
    expect(first.created).toMatchObject({ documents: 2 * activeSlugs.length, versions: activeSlugs.length });
    expect(second.created).toMatchObject({ documents: 0, versions: 0 });
    for (const slug of activeSlugs) {
      const group = await t.em().findOneOrFail(WorkingGroup, { slug });
      const docs = await t.em().find(Document, { group }, { orderBy: { title: 'asc' } });
      expect(docs.map((d) => d.latestVersionNumber)).toEqual([1, 2]); // commitments tracker, terms of reference
      const versions = await t
        .em()
        .find(DocumentVersion, { document: { $in: docs } }, { orderBy: { mimeType: 'asc' } });
      expect(versions.map((v) => v.mimeType)).toEqual(['application/pdf', 'application/pdf', 'text/csv']);
      await t.http
        .get(`/documents/${docs[1].id}/content?version=1`)
        .expect(200)
        .expect('Content-Type', 'application/pdf');
    }
  });

  it('gives every active group an adopted priority area and an open one with an objection, both sides positioned', async () => {
    expect(first.created).toMatchObject({
      priorityAreas: 2 * activeSlugs.length,
      positions: 4 * activeSlugs.length,
    });
    expect(second.created).toMatchObject({ priorityAreas: 0, positions: 0 });
    for (const slug of activeSlugs) {
      const res = await t.http.get(`/working-groups/${slug}/priority-areas`).expect(200);
      const [open, adopted] = res.body.items as {
        status: string;
        tally: Record<string, { agree: number; object: number }>;
        overrideReason: string | null;
      }[];
      expect(res.body.items).toHaveLength(2);
      expect(adopted.status).toBe('adopted');
      expect(adopted.tally.government.agree).toBeGreaterThanOrEqual(1);
      expect(adopted.tally.civil_society.agree).toBeGreaterThanOrEqual(1);
      expect(open.status).toBe('proposed');
      expect(open.tally.government.agree).toBe(1);
      expect(open.tally.civil_society.object).toBe(1);
    }
  });

  it('verifies the affiliation of every demo account that has an organisation', async () => {
    const users = await t.em().find(User, { organization: { $ne: null } });
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.affiliationVerifiedAt !== null)).toBe(true);
  });

  it('gives every active group one concluded session with published minutes and one scheduled session', async () => {
    const em = t.em();
    const now = Date.now();
    for (const slug of activeSlugs) {
      const group = await em.findOneOrFail(WorkingGroup, { slug });
      const meetings = await em.find(Meeting, { group }, { orderBy: { startsAt: 'asc' } });
      expect(meetings.map((m) => m.status)).toEqual([MeetingStatus.Concluded, MeetingStatus.Scheduled]);
      const [past, upcoming] = meetings;
      expect(past.endsAt.getTime()).toBeLessThan(now);
      expect(upcoming.startsAt.getTime()).toBeGreaterThan(now);

      const minutes = await em.findOneOrFail(Minutes, { meeting: past });
      expect(minutes.status).toBe(MinutesStatus.Published);
      expect(minutes.decisions.length).toBeGreaterThanOrEqual(2);
      expect(await em.count(ActionItem, { minutes })).toBeGreaterThanOrEqual(1);
      const attendance = await em.find(Attendance, { meeting: past });
      expect(attendance.length).toBeGreaterThanOrEqual(2);
      for (const a of attendance) {
        expect(a.firstJoinedAt.getTime()).toBeGreaterThanOrEqual(past.startsAt.getTime());
        expect(a.lastSeenAt.getTime()).toBeLessThanOrEqual(past.endsAt.getTime());
      }

      const accepted = await em.count(AgendaItem, { meeting: upcoming, status: AgendaItemStatus.Accepted });
      expect(accepted).toBeGreaterThanOrEqual(2);
      expect(accepted).toBeLessThanOrEqual(4);
      expect(await em.count(Rsvp, { meeting: upcoming })).toBeGreaterThanOrEqual(1);
    }
    // Anyone may read the published minutes of a public group's concluded session, as an API client would.
    const group = await em.findOneOrFail(WorkingGroup, { slug: 'fiscal-openness' });
    const past = await em.findOneOrFail(Meeting, { group, status: MeetingStatus.Concluded });
    const minutes = await t.http.get(`/meetings/${past.id}/minutes`).expect(200);
    expect(minutes.body.actionItems[0]).toMatchObject({ status: 'open', dueDate: expect.any(String) });
    // The formats are mixed across the upcoming sessions.
    const formats = new Set(
      (await em.find(Meeting, { status: MeetingStatus.Scheduled })).map((m) => m.format as string),
    );
    expect(formats).toEqual(new Set(['virtual', 'hybrid', 'in_person']));
  });

  it('posts in every active group’s general channel with gapless seqs, a thread reply and a mention', async () => {
    const em = t.em();
    for (const slug of activeSlugs) {
      const group = await em.findOneOrFail(WorkingGroup, { slug });
      const channel = await em.findOneOrFail(Channel, { group, kind: ChannelKind.General });
      const messages = await em.find(Message, { channel }, { orderBy: { seq: 'asc' } });
      expect(messages.length).toBeGreaterThanOrEqual(3);
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      expect(channel.lastSeq).toBe(messages.length);
      expect(messages.filter((m) => m.parent !== null)).toHaveLength(1);
      expect(messages.some((m) => m.mentions.length === 1)).toBe(true);
    }
  });

  it('records commitments for every active OGP group and one matched assistance request, once', async () => {
    expect(first.created.commitments).toBeGreaterThanOrEqual(activeSlugs.length);
    expect(first.created.assistanceRequests).toBe(1);
    expect(second.created).toMatchObject({ commitments: 0, assistanceRequests: 0 });
    for (const slug of activeSlugs) {
      const res = await t.http.get(`/working-groups/${slug}/commitments`).expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(1);
      for (const c of res.body.items as {
        country: string;
        cycle: string;
        supportingOrganization: unknown;
      }[]) {
        expect(c.country).toMatch(/^[A-Z]{2}$/);
        expect(c.cycle).toMatch(/^\d{4}-\d{4}$/);
        expect(c.supportingOrganization).not.toBeNull();
      }
    }
    expect(await t.em().count(Commitment)).toBe(first.created.commitments);
    expect(await t.em().count(CommitmentProgressNote)).toBeGreaterThanOrEqual(1);
    const requests = await t.em().find(AssistanceRequest, {}, { populate: ['group'] });
    expect(requests.map((r) => [r.group.getEntity().slug, r.status])).toEqual([
      ['anti-corruption', 'matched'],
    ]);
    expect(await t.em().count(AssistanceRequestStep, { request: requests[0].id })).toBe(2);
  });

  it("opens one review of an OGP group for the last full quarter, with its anchors' self-assessment, once", async () => {
    expect([first.created.reviews, second.created.reviews]).toEqual([1, 0]);
    const reviews = await t.em().find(Review, {}, { populate: ['group', 'selfAssessedBy'] });
    expect(reviews).toHaveLength(1);
    const [review] = reviews;
    expect(review.group.getEntity().slug).toBe(DEMO_REVIEW_GROUP);
    const today = new Date();
    expect({ periodStart: review.periodStart, periodEnd: review.periodEnd }).toEqual(lastFullQuarter(today));
    const start = new Date(`${review.periodStart}T00:00:00Z`);
    const end = new Date(`${review.periodEnd}T00:00:00Z`);
    expect(start.getUTCDate()).toBe(1);
    expect(start.getUTCMonth() % 3).toBe(0);
    expect(end.getTime()).toBeLessThanOrEqual(today.getTime());
    expect(today.getTime() - end.getTime()).toBeLessThan(93 * 86_400_000);
    expect(review.selfAssessedBy?.getEntity().email).toBe(anchorEmail('webf'));

    const stewardEmail = DEMO_USERS.find((u) => u.role === PlatformRole.SteeringCommittee)!.email;
    const login = await t.http
      .post('/auth/login')
      .send({ email: stewardEmail, password: DEMO_PASSWORD })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken as string}` };
    const res = await t.http.get(`/reviews/${review.id}`).set(auth).expect(200);
    expect(res.body).toMatchObject({
      groupSlug: DEMO_REVIEW_GROUP,
      status: 'open',
      selfAssessment: DEMO_SELF_ASSESSMENT,
      metricsFrozen: false,
    });
    const group = await t.http.get(`/working-groups/${DEMO_REVIEW_GROUP}`).expect(200);
    expect(group.body.status).toBe(GroupStatus.UnderReview);
    // Its anchors were told, as by the API.
    const told = await t
      .em()
      .find(Notification, { kind: NotificationKind.ReviewOpened, subjectId: review.id });
    expect(told).toHaveLength(2);
  });

  it('leaves every audit chain intact', async () => {
    expect((await verifyAuditChains(t.em())).broken).toBeNull();
  });
});
