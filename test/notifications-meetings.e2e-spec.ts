import { DomainHooks } from '../src/common/events/hooks';
import { ConflictError } from '../src/common/errors/domain-error';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { addMember, useGroupCast } from './factories/groups';
import { insertMeeting, meetingBody } from './factories/meetings';
import { ids, notificationsAbout, recipientsOf } from './factories/notifications';
import { createUser, TestUser } from './factories/users';

const HOUR = 3_600_000;

/** Meeting events through the real routes: who is told, who is not, what each notification carries. */
describe('notifications: meeting events', () => {
  const { t, cast } = useGroupCast();
  let invited: TestUser;
  let formerMember: TestUser;
  let decliner: TestUser;

  beforeAll(async () => {
    invited = await createUser(t);
    formerMember = await createUser(t);
    decliner = await createUser(t);
    await addMember(t, cast.group, decliner);
    await addMember(t, cast.group, invited, GroupRole.Member, MembershipStatus.Invited);
    await addMember(t, cast.group, formerMember, GroupRole.Member, MembershipStatus.Left);
    // An active member of another group is not told about this group's meetings.
    await addMember(t, cast.otherGroup, cast.member, GroupRole.Member);
  });

  const anchor = () => cast.governmentAnchor;
  const rsvp = (meetingId: string, user: TestUser, status: string) =>
    t.http.put(`/meetings/${meetingId}/rsvp`).set(user.auth).send({ status }).expect(200);
  const setStatus = (meetingId: string, status: string, reason?: string) =>
    t.http
      .post(`/meetings/${meetingId}/status`)
      .set(anchor().auth)
      .send({ status, ...(reason ? { reason } : {}) });
  const activeOthers = () => ids(cast.civilSocietyAnchor, cast.member, cast.observer, decliner);

  it('a meeting created scheduled tells every active member of the group but its author', async () => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(anchor().auth)
      .send(meetingBody({ title: 'Budget data sprint', status: 'scheduled' }))
      .expect(201);
    const rows = await notificationsAbout(t, res.body.id, NotificationKind.MeetingScheduled);
    expect(rows.map((n) => n.recipient.id).sort()).toEqual(activeOthers());
    for (const n of rows) {
      expect(n).toMatchObject({
        subjectType: NotificationSubjectType.Meeting,
        group: expect.objectContaining({ id: cast.group.id }),
        actor: expect.objectContaining({ id: anchor().id }),
        dedupeKey: null,
      });
      expect(n.params).toEqual({
        groupName: cast.group.name,
        meetingTitle: 'Budget data sprint',
        startsAt: new Date(res.body.startsAt as string).toISOString(),
        timeZone: 'America/Mexico_City',
      });
    }
  });

  it('a draft tells no one until it is scheduled; then the members, once', async () => {
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(anchor().auth)
      .send(meetingBody({ title: 'Draft first' }))
      .expect(201);
    const id = res.body.id as string;
    await t.http.patch(`/meetings/${id}`).set(anchor().auth).send({ title: 'Draft, renamed' }).expect(200);
    expect(await notificationsAbout(t, id)).toEqual([]);
    await setStatus(id, 'scheduled').expect(200);
    expect(await recipientsOf(t, id, NotificationKind.MeetingScheduled)).toEqual(activeOthers());
    await setStatus(id, 'live').expect(200);
    expect(await notificationsAbout(t, id)).toHaveLength(activeOthers().length);
  });

  it('a cancelled draft tells no one', async () => {
    const draft = await insertMeeting(t, cast.group, anchor(), { status: MeetingStatus.Draft });
    await setStatus(draft.id, 'cancelled', 'not needed').expect(200);
    expect(await notificationsAbout(t, draft.id)).toEqual([]);
  });

  it('a moved meeting tells those going (seated or waitlisted) and maybe, with the previous start; not declined', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { capacity: 1, title: 'Moved session' });
    await rsvp(meeting.id, cast.member, 'going');
    await rsvp(meeting.id, cast.civilSocietyAnchor, 'going'); // waitlisted
    await rsvp(meeting.id, cast.observer, 'maybe');
    await rsvp(meeting.id, anchor(), 'declined');
    await rsvp(meeting.id, decliner, 'declined');

    // An edit that does not change the time moves nothing.
    await t.http.patch(`/meetings/${meeting.id}`).set(anchor().auth).send({ title: 'Renamed' }).expect(200);
    expect(await notificationsAbout(t, meeting.id, NotificationKind.MeetingMoved)).toEqual([]);

    const startsAt = new Date(meeting.startsAt.getTime() + 3 * HOUR);
    await t.http
      .patch(`/meetings/${meeting.id}`)
      .set(anchor().auth)
      .send({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString() })
      .expect(200);
    const rows = await notificationsAbout(t, meeting.id, NotificationKind.MeetingMoved);
    expect(rows.map((n) => n.recipient.id).sort()).toEqual(
      ids(cast.member, cast.civilSocietyAnchor, cast.observer),
    );
    expect(rows[0].params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Renamed',
      startsAt: startsAt.toISOString(),
      previousStartsAt: meeting.startsAt.toISOString(),
      timeZone: 'Europe/Paris',
    });

    // Only the end changes: still a move (the calendar entry changes), with the same start before and after.
    const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
    await t.http
      .patch(`/meetings/${meeting.id}`)
      .set(anchor().auth)
      .send({ endsAt: endsAt.toISOString() })
      .expect(200);
    const again = await notificationsAbout(t, meeting.id, NotificationKind.MeetingMoved);
    expect(again).toHaveLength(6);
    expect(again[5].params).toMatchObject({
      startsAt: startsAt.toISOString(),
      previousStartsAt: startsAt.toISOString(),
    });
  });

  it('a draft whose time changes tells no one (it was never announced)', async () => {
    const draft = await insertMeeting(t, cast.group, anchor(), { status: MeetingStatus.Draft });
    const startsAt = new Date(draft.startsAt.getTime() + HOUR);
    await t.http
      .patch(`/meetings/${draft.id}`)
      .set(anchor().auth)
      .send({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString() })
      .expect(200);
    expect(await notificationsAbout(t, draft.id)).toEqual([]);
  });

  it('a cancelled meeting tells those going and maybe, with the reason; never the anchor who cancelled', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Cancelled session' });
    await rsvp(meeting.id, cast.member, 'going');
    await rsvp(meeting.id, cast.observer, 'maybe');
    await rsvp(meeting.id, cast.civilSocietyAnchor, 'declined');
    await rsvp(meeting.id, anchor(), 'going');
    await setStatus(meeting.id, 'cancelled', 'Venue closed').expect(200);
    const rows = await notificationsAbout(t, meeting.id, NotificationKind.MeetingCancelled);
    expect(rows.map((n) => n.recipient.id).sort()).toEqual(ids(cast.member, cast.observer));
    expect(rows[0].params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Cancelled session',
      startsAt: meeting.startsAt.toISOString(),
      timeZone: 'Europe/Paris',
      reason: 'Venue closed',
    });
    expect(rows[0].actor?.id).toBe(anchor().id);
  });

  it('a seat given up tells the first waitlisted person, not the one who gave it up', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { capacity: 1, title: 'Small room' });
    await rsvp(meeting.id, cast.member, 'going');
    await rsvp(meeting.id, cast.observer, 'going'); // waitlist 1
    await rsvp(meeting.id, cast.civilSocietyAnchor, 'going'); // waitlist 2
    await rsvp(meeting.id, cast.member, 'declined');
    const rows = await notificationsAbout(t, meeting.id, NotificationKind.WaitlistPromoted);
    expect(rows.map((n) => n.recipient.id)).toEqual([cast.observer.id]);
    expect(rows[0].actor?.id).toBe(cast.member.id);
    expect(rows[0].params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Small room',
      startsAt: meeting.startsAt.toISOString(),
      timeZone: 'Europe/Paris',
    });

    // A larger capacity seats the rest of the waitlist: each promoted person is told.
    await t.http.patch(`/meetings/${meeting.id}`).set(anchor().auth).send({ capacity: 5 }).expect(200);
    expect(await recipientsOf(t, meeting.id, NotificationKind.WaitlistPromoted)).toEqual(
      ids(cast.observer, cast.civilSocietyAnchor),
    );
  });

  it('a member removed from the group gives up their seat: the waitlisted person is told', async () => {
    const leaver = await createUser(t);
    await addMember(t, cast.group, leaver);
    const meeting = await insertMeeting(t, cast.group, anchor(), { capacity: 1 });
    await rsvp(meeting.id, leaver, 'going');
    await rsvp(meeting.id, cast.observer, 'going');
    await t.http
      .delete(`/working-groups/${cast.group.slug}/members/${leaver.id}`)
      .set(anchor().auth)
      .expect((res) => expect(res.status).toBeLessThan(300));
    expect(await recipientsOf(t, meeting.id, NotificationKind.WaitlistPromoted)).toEqual([cast.observer.id]);
  });

  it('an agenda item accepted or rejected tells its proposer only', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Agenda session' });
    const propose = async (title: string) =>
      (
        await t.http
          .post(`/meetings/${meeting.id}/agenda-items`)
          .set(cast.member.auth)
          .send({ title, durationMinutes: 10 })
          .expect(201)
      ).body.id as string;
    const accepted = await propose('Open budgets');
    const rejected = await propose('Off topic');
    expect(await notificationsAbout(t, accepted)).toEqual([]);

    await t.http
      .patch(`/agenda-items/${accepted}`)
      .set(anchor().auth)
      .send({ status: 'accepted' })
      .expect(200);
    await t.http
      .patch(`/agenda-items/${rejected}`)
      .set(anchor().auth)
      .send({ status: 'rejected' })
      .expect(200);
    const [yes] = await notificationsAbout(t, accepted);
    const [no] = await notificationsAbout(t, rejected);
    expect(yes).toMatchObject({ kind: NotificationKind.AgendaItemAccepted, subjectType: 'agenda_item' });
    expect(no).toMatchObject({ kind: NotificationKind.AgendaItemRejected });
    expect([yes.recipient.id, no.recipient.id]).toEqual([cast.member.id, cast.member.id]);
    expect(yes.params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Agenda session',
      itemTitle: 'Open budgets',
    });

    // Editing an accepted item without changing its status tells no one again; an anchor's own item neither.
    await t.http
      .patch(`/agenda-items/${accepted}`)
      .set(anchor().auth)
      .send({ title: 'Open budgets 2' })
      .expect(200);
    const own = await t.http
      .post(`/meetings/${meeting.id}/agenda-items`)
      .set(anchor().auth)
      .send({ title: 'Mine', durationMinutes: 5, status: 'proposed' })
      .expect(201);
    await t.http
      .patch(`/agenda-items/${own.body.id}`)
      .set(anchor().auth)
      .send({ status: 'accepted' })
      .expect(200);
    expect(await notificationsAbout(t, accepted)).toHaveLength(1);
    expect(await notificationsAbout(t, own.body.id as string)).toEqual([]);
  });

  it('published minutes tell the members; each action item its assignee (not the publisher for their own)', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Minuted session' });
    const save = await t.http
      .put(`/meetings/${meeting.id}/minutes`)
      .set(anchor().auth)
      .send({
        body: 'We met.',
        decisions: ['Publish the data'],
        actionItems: [
          { title: 'Draft the schema', assigneeId: cast.member.id, dueDate: '2031-01-15' },
          { title: 'Chair the next one', assigneeId: anchor().id, dueDate: '2031-01-20' },
        ],
      })
      .expect(200);
    expect(save.body.actionItems).toHaveLength(2);
    expect(await notificationsAbout(t, meeting.id)).toEqual([]);
    expect(await t.em().count(Notification, { kind: NotificationKind.ActionItemAssigned })).toBe(0);

    await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(anchor().auth).expect(200);
    // Minutes are addressed by their meeting: the subject is { type: 'minutes', id: <meeting id> }.
    const published = await notificationsAbout(t, meeting.id, NotificationKind.MinutesPublished);
    expect(published.every((n) => n.subjectType === NotificationSubjectType.Minutes)).toBe(true);
    expect(published.map((n) => n.recipient.id).sort()).toEqual(activeOthers());
    expect(published[0].params).toEqual({ groupName: cast.group.name, meetingTitle: 'Minuted session' });

    const assigned = await t
      .em()
      .find(Notification, { kind: NotificationKind.ActionItemAssigned }, { orderBy: { createdAt: 'asc' } });
    expect(assigned.map((n) => n.recipient.id)).toEqual([cast.member.id]);
    expect(assigned[0]).toMatchObject({ subjectType: NotificationSubjectType.ActionItem });
    expect(assigned[0].params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Minuted session',
      itemTitle: 'Draft the schema',
      dueDate: '2031-01-15',
    });
  });

  it('writes nothing when the change rolls back (a later hook vetoes it)', async () => {
    const meeting = await insertMeeting(t, cast.group, anchor(), { status: MeetingStatus.Draft });
    const hooks = t.app.get(DomainHooks);
    // Registered after the notifications handler, so it runs after the outbox insert, in the same transaction.
    hooks.onTransaction('meeting.status_changed', (_em, p) =>
      p.meetingId === meeting.id
        ? Promise.reject(new ConflictError('vetoed by the test', { code: 'meeting.invalid_transition' }))
        : Promise.resolve(),
    );
    await setStatus(meeting.id, 'scheduled').expect(409);
    expect(await notificationsAbout(t, meeting.id)).toEqual([]);
    const stored = await t.em().findOneOrFail(Meeting, { id: meeting.id });
    expect(stored.status).toBe(MeetingStatus.Draft);
  });

  it('never tells invited, former, or outside people, nor members of other groups', async () => {
    const outsiders = [invited.id, formerMember.id, cast.outsider.id, cast.otherAnchor.id];
    const told = await t.em().find(Notification, { group: cast.group.id });
    expect(told.filter((n) => outsiders.includes(n.recipient.id))).toEqual([]);
    expect(told.filter((n) => n.recipient.id === n.actor?.id)).toEqual([]);
  });
});
