import { GroupRole } from '../src/groups/groups.enums';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NotificationKind } from '../src/notifications/notifications.enums';
import { SCHEDULED_TASKS, type ScheduledTask } from '../src/notifications/scheduled-task';
import { ActionItemRemindersTask } from '../src/notifications/scheduled/action-item-reminders.task';
import { MeetingRemindersTask } from '../src/notifications/scheduled/meeting-reminders.task';
import { User } from '../src/users/entities/user.entity';
import { addMember, useGroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { ids, notificationsAbout } from './factories/notifications';
import { createUser, TestUser } from './factories/users';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

/** Scheduled notifications driven by a chosen clock: each task's `run(now)`, twice where it matters. */
describe('notifications: reminders and scheduled notices', () => {
  const { t, cast } = useGroupCast();
  let reminders: MeetingRemindersTask;
  let actionItems: ActionItemRemindersTask;

  beforeAll(() => {
    reminders = t.app.get(MeetingRemindersTask);
    actionItems = t.app.get(ActionItemRemindersTask);
  });

  const anchor = () => cast.governmentAnchor;
  const rsvp = (meetingId: string, user: TestUser, status: string) =>
    t.http.put(`/meetings/${meetingId}/rsvp`).set(user.auth).send({ status }).expect(200);
  const remindersOf = async (meetingId: string) =>
    (await notificationsAbout(t, meetingId, NotificationKind.MeetingReminder)).map((n) => ({
      to: n.recipient.id,
      lead: n.params.lead,
      startsAt: n.params.startsAt,
    }));
  const move = (meetingId: string, startsAt: Date) =>
    t.http
      .patch(`/meetings/${meetingId}`)
      .set(anchor().auth)
      .send({ startsAt: startsAt.toISOString(), endsAt: at(startsAt, HOUR).toISOString() })
      .expect(200);

  it('registers every task for the job queue, each with a name and a period in whole minutes', () => {
    const tasks = t.app.get<ScheduledTask[]>(SCHEDULED_TASKS);
    expect(tasks.map((task) => task.name)).toEqual([
      'meeting-reminders',
      'action-item-reminders',
      'priority-area-closing',
    ]);
    expect(tasks.every((task) => task.everySeconds >= 60 && task.everySeconds % 60 === 0)).toBe(true);
  });

  it('reminds seated going RSVPs 24 h and 1 h before, exactly once each across repeated runs', async () => {
    const startsAt = new Date('2031-06-01T10:00:00Z');
    const meeting = await insertMeeting(t, cast.group, anchor(), {
      startsAt,
      capacity: 2,
      title: 'Reminded',
    });
    await rsvp(meeting.id, cast.member, 'going');
    await rsvp(meeting.id, anchor(), 'going'); // whoever made the meeting is reminded too: no actor
    await rsvp(meeting.id, cast.civilSocietyAnchor, 'going'); // waitlisted: no seat, no reminder
    await rsvp(meeting.id, cast.observer, 'maybe');

    await reminders.run(at(startsAt, -24 * HOUR - MINUTE)); // not yet
    expect(await remindersOf(meeting.id)).toEqual([]);
    await reminders.run(at(startsAt, -24 * HOUR));
    await reminders.run(at(startsAt, -24 * HOUR));
    await reminders.run(at(startsAt, -23 * HOUR - 30 * MINUTE));
    const day = await notificationsAbout(t, meeting.id, NotificationKind.MeetingReminder);
    expect(day.map((n) => n.recipient.id).sort()).toEqual(ids(cast.member, anchor()));
    expect(day[0]).toMatchObject({
      actor: null,
      dedupeKey: `meeting-reminder:${meeting.id}:${startsAt.toISOString()}:24h`,
    });
    expect(day[0].params).toEqual({
      groupName: cast.group.name,
      meetingTitle: 'Reminded',
      startsAt: startsAt.toISOString(),
      timeZone: 'Europe/Paris',
      lead: '24h',
    });

    await reminders.run(at(startsAt, -2 * HOUR)); // between the two: nothing
    expect(await remindersOf(meeting.id)).toHaveLength(2);
    await reminders.run(at(startsAt, -HOUR));
    await reminders.run(at(startsAt, -HOUR + 5 * MINUTE));
    const all = await remindersOf(meeting.id);
    expect(
      all
        .filter((r) => r.lead === '1h')
        .map((r) => r.to)
        .sort(),
    ).toEqual(ids(cast.member, anchor()));
    expect(all).toHaveLength(4);
  });

  it('a moved meeting is reminded of its new time, never of the old one, and never twice of one time', async () => {
    const first = new Date('2031-06-02T10:00:00Z');
    const meeting = await insertMeeting(t, cast.group, anchor(), { startsAt: first });
    await rsvp(meeting.id, cast.member, 'going');
    await reminders.run(at(first, -24 * HOUR));
    expect(await remindersOf(meeting.id)).toEqual([
      { to: cast.member.id, lead: '24h', startsAt: first.toISOString() },
    ]);

    const later = at(first, 3 * HOUR);
    await move(meeting.id, later);
    await reminders.run(at(first, -HOUR)); // the old 1 h mark: the meeting is not there any more
    expect(await remindersOf(meeting.id)).toHaveLength(1);
    await reminders.run(at(later, -24 * HOUR)); // a new 24 h reminder, for the new time
    await reminders.run(at(later, -HOUR));
    await reminders.run(at(later, -HOUR));
    expect(await remindersOf(meeting.id)).toEqual([
      { to: cast.member.id, lead: '24h', startsAt: first.toISOString() },
      { to: cast.member.id, lead: '24h', startsAt: later.toISOString() },
      { to: cast.member.id, lead: '1h', startsAt: later.toISOString() },
    ]);

    // Moved back to the first time: that time's 24 h reminder went out already, so it does not go again.
    await move(meeting.id, first);
    await reminders.run(at(first, -24 * HOUR));
    expect(await remindersOf(meeting.id)).toHaveLength(3);
  });

  it('a cancelled meeting is reminded of nothing', async () => {
    const startsAt = new Date('2031-06-03T10:00:00Z');
    const meeting = await insertMeeting(t, cast.group, anchor(), { startsAt });
    await rsvp(meeting.id, cast.member, 'going');
    await t.http
      .post(`/meetings/${meeting.id}/status`)
      .set(anchor().auth)
      .send({ status: 'cancelled', reason: 'No quorum' })
      .expect(200);
    await reminders.run(at(startsAt, -24 * HOUR));
    await reminders.run(at(startsAt, -HOUR));
    expect(await remindersOf(meeting.id)).toEqual([]);
  });

  it('never reminds late: no 24 h reminder 2 h before, no 1 h reminder 30 min before, no draft', async () => {
    const startsAt = new Date('2031-06-04T10:00:00Z');
    const meeting = await insertMeeting(t, cast.group, anchor(), { startsAt });
    await rsvp(meeting.id, cast.member, 'going');
    await reminders.run(at(startsAt, -23 * HOUR)); // the 24 h window has closed (23 h < time to start ≤ 24 h)
    await reminders.run(at(startsAt, -2 * HOUR));
    expect(await remindersOf(meeting.id)).toEqual([]);
    await reminders.run(at(startsAt, -HOUR + 10 * MINUTE)); // still within the 1 h window (15 min)
    expect((await remindersOf(meeting.id)).map((r) => r.lead)).toEqual(['1h']);

    const other = new Date('2031-06-04T12:00:00Z');
    const late = await insertMeeting(t, cast.group, anchor(), { startsAt: other });
    await rsvp(late.id, cast.member, 'going');
    await reminders.run(at(other, -30 * MINUTE));
    await reminders.run(at(other, -5 * MINUTE));
    expect(await remindersOf(late.id)).toEqual([]);

    const draftStart = new Date('2031-06-04T15:00:00Z');
    const draft = await insertMeeting(t, cast.group, anchor(), { startsAt: draftStart });
    await rsvp(draft.id, cast.member, 'going');
    await t.em().nativeUpdate(Meeting, { id: draft.id }, { status: 'draft' as Meeting['status'] });
    await reminders.run(at(draftStart, -HOUR));
    expect(await remindersOf(draft.id)).toEqual([]);
  });

  describe('action items', () => {
    let auckland: TestUser;
    let losAngeles: TestUser;
    let items: { id: string; title: string; assignee: { id: string } }[];

    beforeAll(async () => {
      auckland = await createUser(t);
      losAngeles = await createUser(t);
      await addMember(t, cast.group, auckland, GroupRole.Member);
      await addMember(t, cast.group, losAngeles, GroupRole.Member);
      await t.em().nativeUpdate(User, { id: auckland.id }, { timeZone: 'Pacific/Auckland' });
      await t.em().nativeUpdate(User, { id: losAngeles.id }, { timeZone: 'America/Los_Angeles' });
      const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Planning' });
      const saved = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(anchor().auth)
        .send({
          body: 'Planned.',
          decisions: [],
          actionItems: [
            { title: 'Auckland task', assigneeId: auckland.id, dueDate: '2031-03-11' },
            { title: 'Los Angeles task', assigneeId: losAngeles.id, dueDate: '2031-03-11' },
            { title: 'Done already', assigneeId: losAngeles.id, dueDate: '2031-03-11' },
          ],
        })
        .expect(200);
      items = saved.body.actionItems;
      // Draft minutes' items are not announced: nothing until they are published.
      await actionItems.run(new Date('2031-03-10T16:00:00Z'));
      expect(await noticesOf(items[0].id)).toEqual([]);
      await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(anchor().auth).expect(200);
      await t.http
        .patch(`/action-items/${items[2].id}`)
        .set(losAngeles.auth)
        .send({ status: 'done' })
        .expect(200);
    });

    const noticesOf = async (itemId: string) =>
      (await t.em().find(Notification, { subjectId: itemId }, { orderBy: { createdAt: 'asc' } }))
        .filter((n) => n.kind !== NotificationKind.ActionItemAssigned)
        .map((n) => n.kind);

    it('"due tomorrow" goes out on the day before the due date in the assignee’s own zone, from 08:00, once', async () => {
      // 10:00 UTC = 23:00 on 10 March in Auckland (the day before), 03:00 in Los Angeles (too early).
      await actionItems.run(new Date('2031-03-10T10:00:00Z'));
      expect(await noticesOf(items[0].id)).toEqual([NotificationKind.ActionItemDueTomorrow]);
      expect(await noticesOf(items[1].id)).toEqual([]);
      // 16:00 UTC = 09:00 in Los Angeles; already 11 March (the due date) in Auckland.
      await actionItems.run(new Date('2031-03-10T16:00:00Z'));
      await actionItems.run(new Date('2031-03-10T16:05:00Z'));
      expect(await noticesOf(items[0].id)).toEqual([NotificationKind.ActionItemDueTomorrow]);
      expect(await noticesOf(items[1].id)).toEqual([NotificationKind.ActionItemDueTomorrow]);
      const [notice] = await t
        .em()
        .find(Notification, { subjectId: items[1].id, kind: NotificationKind.ActionItemDueTomorrow });
      expect(notice).toMatchObject({ actor: null, subjectType: 'action_item' });
      expect(notice.recipient.id).toBe(losAngeles.id);
      expect(notice.params).toEqual({
        groupName: cast.group.name,
        meetingTitle: 'Planning',
        itemTitle: 'Los Angeles task',
        dueDate: '2031-03-11',
      });
    });

    it('"overdue" goes out once, from 08:00 on the day after the due date in the assignee’s zone', async () => {
      // 20:00 UTC on 11 March = 09:00 on 12 March in Auckland; still 11 March (due today) in Los Angeles.
      await actionItems.run(new Date('2031-03-11T20:00:00Z'));
      expect(await noticesOf(items[0].id)).toEqual([
        NotificationKind.ActionItemDueTomorrow,
        NotificationKind.ActionItemOverdue,
      ]);
      expect(await noticesOf(items[1].id)).toEqual([NotificationKind.ActionItemDueTomorrow]);
      // 16:00 UTC on 12 March = 09:00 in Los Angeles; then again on later days: once only.
      await actionItems.run(new Date('2031-03-12T16:00:00Z'));
      await actionItems.run(new Date('2031-03-13T16:00:00Z'));
      await actionItems.run(new Date('2031-03-14T20:00:00Z'));
      for (const item of items.slice(0, 2)) {
        expect(await noticesOf(item.id)).toEqual([
          NotificationKind.ActionItemDueTomorrow,
          NotificationKind.ActionItemOverdue,
        ]);
      }
    });

    it('a done item gets no notice, nor does one whose assignee left the group', async () => {
      expect(await noticesOf(items[2].id)).toEqual([]);
      const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Later planning' });
      const saved = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(anchor().auth)
        .send({
          body: 'Planned.',
          decisions: [],
          actionItems: [{ title: 'Left behind', assigneeId: losAngeles.id, dueDate: '2031-04-11' }],
        })
        .expect(200);
      await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(anchor().auth).expect(200);
      await t.http
        .delete(`/working-groups/${cast.group.slug}/members/${losAngeles.id}`)
        .set(anchor().auth)
        .expect((res) => expect(res.status).toBeLessThan(300));
      await actionItems.run(new Date('2031-04-10T16:00:00Z'));
      await actionItems.run(new Date('2031-04-12T16:00:00Z'));
      expect(await noticesOf(saved.body.actionItems[0].id)).toEqual([]);
    });

    it('an item overdue for more than a week is not announced late', async () => {
      const meeting = await insertMeeting(t, cast.group, anchor(), { title: 'Old planning' });
      const saved = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(anchor().auth)
        .send({
          body: 'Planned.',
          decisions: [],
          actionItems: [{ title: 'Long ago', assigneeId: auckland.id, dueDate: '2031-05-01' }],
        })
        .expect(200);
      await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(anchor().auth).expect(200);
      await actionItems.run(new Date('2031-05-20T01:00:00Z'));
      expect(await noticesOf(saved.body.actionItems[0].id)).toEqual([]);
      await actionItems.run(new Date('2031-05-07T01:00:00Z')); // 14:00 on 7 May in Auckland: within the week
      expect(await noticesOf(saved.body.actionItems[0].id)).toEqual([NotificationKind.ActionItemOverdue]);
    });
  });
});
