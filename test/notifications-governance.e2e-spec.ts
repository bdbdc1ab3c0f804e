import { DomainHooks } from '../src/common/events/hooks';
import { ConflictError } from '../src/common/errors/domain-error';
import { PriorityArea } from '../src/consensus/entities/priority-area.entity';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { EmailRenderer } from '../src/notifications/email/email-renderer';
import type { MailRow } from '../src/notifications/email/email.queries';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { PriorityAreaClosingTask } from '../src/notifications/scheduled/priority-area-closing.task';
import { GroupProposal } from '../src/steering/proposals/entities/group-proposal.entity';
import { Review } from '../src/steering/reviews/entities/review.entity';
import { proposeArea, takePosition } from './factories/consensus';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { ids, list, notificationsAbout, recipientsOf } from './factories/notifications';
import { createCivilSociety, createGovernment } from './factories/organizations';
import { submitProposal } from './factories/proposals';
import { createUser, TestUser } from './factories/users';

const HOUR = 3_600_000;
const inHours = (hours: number, from = Date.now()): Date => new Date(from + hours * HOUR);
const veto = () => Promise.reject(new ConflictError('vetoed by the test', { code: 'state.conflict' }));

/**
 * Governance events (issue 11 item 1, docs/notifications.md): priority areas opened, closing soon and adopted,
 * proposals decided, reviews opened. Each tells exactly its recipients, never the actor or outsiders, and a
 * change that rolls back writes nothing.
 */
describe('notifications: governance', () => {
  const { t, cast } = useGroupCast();
  let invited: TestUser;
  let requester: TestUser;
  let closing: PriorityAreaClosingTask;
  const renderer = new EmailRenderer();

  beforeAll(async () => {
    invited = await createUser(t);
    requester = await createUser(t);
    await addMember(t, cast.group, invited, GroupRole.Member, MembershipStatus.Invited);
    await addMember(t, cast.group, requester, GroupRole.Member, MembershipStatus.Requested);
    closing = t.app.get(PriorityAreaClosingTask);
  });

  /** Both the in-app title and the email render from the stored params, with no placeholder left. */
  async function expectRenders(user: TestUser, rows: Notification[], ...fragments: string[]): Promise<void> {
    const row = rows.find((n) => n.recipient.id === user.id)!;
    const wire = (await list(t, user, '?limit=100')).items.find((n) => n.id === row.id);
    expect(wire).toBeDefined();
    const mail = renderer.item({
      kind: row.kind,
      params: row.params,
      locale: 'en',
      time_zone: 'UTC',
      actor_name: null,
    } as MailRow);
    for (const text of [wire!.title, mail.subject, mail.body]) expect(text).not.toMatch(/{{|}}|undefined/);
    for (const fragment of fragments) expect(`${wire!.title} ${mail.body}`).toContain(fragment);
  }

  const countOf = (kind: NotificationKind) => t.em().count(Notification, { kind });

  describe('priority areas', () => {
    it('a proposed area tells the active members and anchors who take positions, not the proposer, observers or non-members', async () => {
      const closesAt = inHours(24 * 7).toISOString();
      const area = await proposeArea(t, cast.member, cast.group.slug, { title: 'Fiscal openness', closesAt });
      const rows = await notificationsAbout(t, area.id, NotificationKind.PriorityAreaOpened);
      expect(rows.map((n) => n.recipient.id).sort()).toEqual(
        ids(cast.governmentAnchor, cast.civilSocietyAnchor),
      );
      expect(rows[0]).toMatchObject({
        subjectType: NotificationSubjectType.PriorityArea,
        actor: expect.objectContaining({ id: cast.member.id }),
        group: expect.objectContaining({ id: cast.group.id }),
      });
      expect(rows[0].params).toEqual({
        groupName: cast.group.name,
        areaTitle: 'Fiscal openness',
        closesAt: new Date(closesAt).toISOString(),
      });
      await expectRenders(cast.governmentAnchor, rows, 'Fiscal openness', cast.group.name);
    });

    it('an anchor proposing tells the other anchor and the members; an area without closesAt says so in null', async () => {
      const area = await proposeArea(t, cast.governmentAnchor, cast.group.slug, { title: 'No deadline' });
      const rows = await notificationsAbout(t, area.id, NotificationKind.PriorityAreaOpened);
      expect(rows.map((n) => n.recipient.id).sort()).toEqual(ids(cast.civilSocietyAnchor, cast.member));
      expect(rows[0].params).toMatchObject({ closesAt: null });
      const told = rows.map((n) => n.recipient.id);
      for (const other of [
        cast.observer,
        cast.outsider,
        invited,
        requester,
        cast.otherAnchor,
        cast.steward,
      ]) {
        expect(told).not.toContain(other.id);
      }
    });

    it('an adopted area tells every active member (observers too) but the anchor who adopted it', async () => {
      const area = await proposeArea(t, cast.member, cast.group.slug, { title: 'Adopt me' });
      await takePosition(t, cast.governmentAnchor, area.id, 'agree');
      await takePosition(t, cast.civilSocietyAnchor, area.id, 'agree');
      await t.http
        .post(`/priority-areas/${area.id}/adopt`)
        .set(cast.civilSocietyAnchor.auth)
        .send({ outcome: 'We work on it.' })
        .expect(200);
      const rows = await notificationsAbout(t, area.id, NotificationKind.PriorityAreaAdopted);
      expect(rows.map((n) => n.recipient.id).sort()).toEqual(
        ids(cast.governmentAnchor, cast.member, cast.observer),
      );
      expect(rows[0].params).toEqual({ groupName: cast.group.name, areaTitle: 'Adopt me' });
      expect(rows[0].actor?.id).toBe(cast.civilSocietyAnchor.id);
      await expectRenders(cast.observer, rows, 'Adopt me');
    });

    it('a refused adoption (no civil-society agree) tells no one', async () => {
      const area = await proposeArea(t, cast.member, cast.group.slug);
      await takePosition(t, cast.governmentAnchor, area.id, 'agree');
      await t.http
        .post(`/priority-areas/${area.id}/adopt`)
        .set(cast.governmentAnchor.auth)
        .send({})
        .expect(409);
      expect(await notificationsAbout(t, area.id, NotificationKind.PriorityAreaAdopted)).toEqual([]);
    });

    it('a proposal or an adoption that rolls back writes nothing', async () => {
      const group = await createGroup(t);
      await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.member, GroupRole.Member);
      const hooks = t.app.get(DomainHooks);
      let vetoAdoption = false;
      hooks.onTransaction('priority_area.proposed', (_em, p) =>
        p.groupId === group.id ? veto() : Promise.resolve(),
      );
      const before = await countOf(NotificationKind.PriorityAreaOpened);
      await t.http
        .post(`/working-groups/${group.slug}/priority-areas`)
        .set(cast.member.auth)
        .send({ title: 'Vetoed', description: 'No.' })
        .expect(409);
      expect(await countOf(NotificationKind.PriorityAreaOpened)).toBe(before);
      expect(await t.em().count(PriorityArea, { group: group.id })).toBe(0);

      const area = await proposeArea(t, cast.member, cast.group.slug);
      await takePosition(t, cast.governmentAnchor, area.id, 'agree');
      await takePosition(t, cast.civilSocietyAnchor, area.id, 'agree');
      hooks.onTransaction('priority_area.adopted', (_em, p) =>
        vetoAdoption && p.areaId === area.id ? veto() : Promise.resolve(),
      );
      vetoAdoption = true;
      await t.http
        .post(`/priority-areas/${area.id}/adopt`)
        .set(cast.governmentAnchor.auth)
        .send({})
        .expect(409);
      expect(await notificationsAbout(t, area.id, NotificationKind.PriorityAreaAdopted)).toEqual([]);
      expect((await t.em().findOneOrFail(PriorityArea, { id: area.id })).status).toBe('proposed');
    });
  });

  describe('closing soon', () => {
    /** A fresh area of the cast's group closing `hours` from now (positions are taken before the task runs). */
    async function areaClosingIn(hours: number, title = 'Closing area') {
      return proposeArea(t, cast.member, cast.group.slug, { title, closesAt: inHours(hours).toISOString() });
    }
    const closingRows = (areaId: string) =>
      notificationsAbout(t, areaId, NotificationKind.PriorityAreaClosingSoon);

    it('within 48 h tells the position takers who have not responded, exactly once across runs', async () => {
      const area = await areaClosingIn(30, 'Nearly closed');
      await takePosition(t, cast.governmentAnchor, area.id, 'abstain');
      const now = Date.now();
      await closing.run(new Date(now));
      await closing.run(new Date(now + 10 * 60_000));
      const rows = await closingRows(area.id);
      // The proposer has not responded either: the clock, not they, caused this notice.
      expect(rows.map((n) => n.recipient.id).sort()).toEqual(ids(cast.civilSocietyAnchor, cast.member));
      expect(rows[0]).toMatchObject({ actor: null, group: expect.objectContaining({ id: cast.group.id }) });
      expect(rows[0].params).toEqual({
        groupName: cast.group.name,
        areaTitle: 'Nearly closed',
        closesAt: area.closesAt,
      });
      await expectRenders(cast.member, rows, 'Nearly closed');
    });

    it('not before the 48 h, none for responders, observers or non-members', async () => {
      const area = await areaClosingIn(60);
      await closing.run(new Date());
      expect(await closingRows(area.id)).toEqual([]);
      await takePosition(t, cast.member, area.id, 'agree');
      await takePosition(t, cast.civilSocietyAnchor, area.id, 'object', 'Not ready.');
      await closing.run(inHours(13));
      expect(await recipientsOf(t, area.id, NotificationKind.PriorityAreaClosingSoon)).toEqual([
        cast.governmentAnchor.id,
      ]);
    });

    it('none after it closed, none for an adopted area', async () => {
      const closed = await areaClosingIn(2, 'Missed it');
      await closing.run(inHours(3));
      expect(await closingRows(closed.id)).toEqual([]);

      const adopted = await areaClosingIn(20, 'Already adopted');
      await takePosition(t, cast.governmentAnchor, adopted.id, 'agree');
      await takePosition(t, cast.civilSocietyAnchor, adopted.id, 'agree');
      await t.http
        .post(`/priority-areas/${adopted.id}/adopt`)
        .set(cast.governmentAnchor.auth)
        .send({})
        .expect(200);
      await closing.run(new Date());
      expect(await closingRows(adopted.id)).toEqual([]);
    });

    it('again, once, when closesAt moves; never again for the old time', async () => {
      const area = await areaClosingIn(30, 'Moved deadline');
      const now = Date.now();
      await closing.run(new Date(now));
      const moved = inHours(40, now);
      await t.em().nativeUpdate(PriorityArea, { id: area.id }, { closesAt: moved });
      await closing.run(new Date(now + 60_000));
      await closing.run(new Date(now + 120_000));
      const rows = await closingRows(area.id);
      expect(rows).toHaveLength(6);
      expect(rows.filter((n) => n.params.closesAt === area.closesAt)).toHaveLength(3);
      expect(
        rows
          .filter((n) => n.params.closesAt === moved.toISOString())
          .map((n) => n.recipient.id)
          .sort(),
      ).toEqual(ids(cast.governmentAnchor, cast.civilSocietyAnchor, cast.member));
    });
  });

  describe('proposals', () => {
    let orgs: string[];
    let proposer: TestUser;

    beforeAll(async () => {
      orgs = [(await createGovernment(t)).id, (await createCivilSociety(t)).id];
      proposer = await createUser(t, { organizationId: orgs[1] });
    });

    const decide = (id: string, decision: string) =>
      t.http
        .post(`/proposals/${id}/decision`)
        .set(cast.steward.auth)
        .send({ decision, rationale: 'Because.' });

    it.each(['rejected', 'changes_requested'])(
      '%s tells the proposer only, platform-wide (no group)',
      async (decision) => {
        const proposal = await submitProposal(t, proposer, orgs);
        await decide(proposal.id, decision).expect(200);
        const rows = await notificationsAbout(t, proposal.id, NotificationKind.ProposalDecided);
        expect(rows.map((n) => n.recipient.id)).toEqual([proposer.id]);
        expect(rows[0]).toMatchObject({
          subjectType: NotificationSubjectType.Proposal,
          group: null,
          actor: expect.objectContaining({ id: cast.steward.id }),
        });
        expect(rows[0].params).toEqual({ proposalName: proposal.name, decision });
        await expectRenders(proposer, rows, proposal.name, decision);
      },
    );

    it('approved tells the proposer in the group the approval created, and each invited anchor `invited`', async () => {
      const govPerson = await createUser(t, { organizationId: orgs[0] });
      const csoPerson = await createUser(t, { organizationId: orgs[1] });
      const proposal = await submitProposal(t, proposer, orgs, {
        proposedAnchorUserIds: [govPerson.id, csoPerson.id],
      });
      await decide(proposal.id, 'approved').expect(200);
      const stored = await t.em().findOneOrFail(GroupProposal, { id: proposal.id });
      expect(stored.invitedAnchorIds.sort()).toEqual(ids(govPerson, csoPerson));
      const rows = await notificationsAbout(t, proposal.id, NotificationKind.ProposalDecided);
      expect(rows.map((n) => n.recipient.id)).toEqual([proposer.id]);
      expect(rows[0].group?.id).toBe(stored.group?.id);
      expect(rows[0].params).toEqual({ proposalName: proposal.name, decision: 'approved' });
      const invitations = await t
        .em()
        .find(Notification, { kind: NotificationKind.Invited, group: stored.group!.id });
      expect(invitations.map((n) => n.recipient.id).sort()).toEqual(ids(govPerson, csoPerson));
      expect(invitations[0]).toMatchObject({
        subjectType: NotificationSubjectType.Membership,
        actor: expect.objectContaining({ id: cast.steward.id }),
      });
      expect(invitations[0].params).toEqual({ groupName: proposal.name, role: 'anchor' });
    });

    it('a refused decision (twice) and a decision that rolls back write nothing', async () => {
      const proposal = await submitProposal(t, proposer, orgs);
      await decide(proposal.id, 'rejected').expect(200);
      await decide(proposal.id, 'rejected').expect(409);
      expect(await notificationsAbout(t, proposal.id, NotificationKind.ProposalDecided)).toHaveLength(1);

      const vetoed = await submitProposal(t, proposer, orgs);
      t.app
        .get(DomainHooks)
        .onTransaction('proposal.decided', (_em, p) =>
          p.proposalId === vetoed.id ? veto() : Promise.resolve(),
        );
      await decide(vetoed.id, 'approved').expect(409);
      expect(await notificationsAbout(t, vetoed.id)).toEqual([]);
      const stored = await t.em().findOneOrFail(GroupProposal, { id: vetoed.id });
      expect(stored.status).toBe('submitted');
      expect(await t.em().count(WorkingGroup, { name: vetoed.name })).toBe(0);
    });
  });

  describe('reviews', () => {
    const PERIOD = { periodStart: '2026-07-01', periodEnd: '2026-10-01' };

    async function reviewedGroup(): Promise<WorkingGroup> {
      const group = await createGroup(t);
      await addMember(t, group, cast.governmentAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.civilSocietyAnchor, GroupRole.Anchor);
      await addMember(t, group, cast.member, GroupRole.Member);
      await addMember(t, group, cast.observer, GroupRole.Observer);
      await addMember(t, group, invited, GroupRole.Anchor, MembershipStatus.Invited);
      return group;
    }

    it('an opened review tells the active anchors only', async () => {
      const group = await reviewedGroup();
      const res = await t.http
        .post(`/working-groups/${group.slug}/reviews`)
        .set(cast.steward.auth)
        .send(PERIOD)
        .expect(201);
      const rows = await notificationsAbout(t, res.body.id, NotificationKind.ReviewOpened);
      expect(rows.map((n) => n.recipient.id).sort()).toEqual(
        ids(cast.governmentAnchor, cast.civilSocietyAnchor),
      );
      expect(rows[0]).toMatchObject({
        subjectType: NotificationSubjectType.Review,
        group: expect.objectContaining({ id: group.id }),
        actor: expect.objectContaining({ id: cast.steward.id }),
      });
      // The last day of the period, as people read it (the API's periodEnd is exclusive).
      expect(rows[0].params).toEqual({
        groupName: group.name,
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
      });
      await expectRenders(cast.governmentAnchor, rows, group.name, 'July 1, 2026', 'September 30, 2026');
    });

    it('a second review (409) and an opening that rolls back write nothing', async () => {
      const group = await reviewedGroup();
      await t.http
        .post(`/working-groups/${group.slug}/reviews`)
        .set(cast.steward.auth)
        .send(PERIOD)
        .expect(201);
      const before = await countOf(NotificationKind.ReviewOpened);
      await t.http
        .post(`/working-groups/${group.slug}/reviews`)
        .set(cast.steward.auth)
        .send(PERIOD)
        .expect(409);
      expect(await countOf(NotificationKind.ReviewOpened)).toBe(before);

      const vetoed = await reviewedGroup();
      t.app
        .get(DomainHooks)
        .onTransaction('review.opened', (_em, p) => (p.groupId === vetoed.id ? veto() : Promise.resolve()));
      await t.http
        .post(`/working-groups/${vetoed.slug}/reviews`)
        .set(cast.steward.auth)
        .send(PERIOD)
        .expect(409);
      expect(await countOf(NotificationKind.ReviewOpened)).toBe(before);
      expect(await t.em().count(Review, { group: vetoed.id })).toBe(0);
    });
  });
});
