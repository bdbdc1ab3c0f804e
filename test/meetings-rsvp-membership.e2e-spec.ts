import { groupScope } from '../src/audit/audit-hash';
import { AuditEvent } from '../src/audit/entities/audit-event.entity';
import { GroupRole } from '../src/groups/groups.enums';
import { Meeting } from '../src/meetings/entities/meeting.entity';
import { MeetingStatus, RsvpStatus } from '../src/meetings/meetings.enums';
import { Rsvp } from '../src/meetings/entities/rsvp.entity';
import { addMember, useGroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createUser, TestUser } from './factories/users';

const HOUR = 3_600_000;

/** A member whose membership ends (removed, or leaving) gives up their seats in the group's upcoming meetings. */
describe('RSVPs when a membership ends', () => {
  const { t, cast } = useGroupCast();

  const members = (slug: string) => `/working-groups/${slug}/members`;
  const rsvp = (meetingId: string, user: TestUser, status: string) =>
    t.http.put(`/meetings/${meetingId}/rsvp`).set(user.auth).send({ status });

  async function newMember(): Promise<TestUser> {
    const user = await createUser(t);
    await addMember(t, cast.group, user, GroupRole.Member);
    return user;
  }

  const stored = (meetingId: string, userId: string): Promise<Rsvp> =>
    t.em().findOneOrFail(Rsvp, { meeting: meetingId, user: userId });

  /** Capacity 1: A holds the seat, B waits (position 1). */
  async function fullMeeting(): Promise<{ meeting: Meeting; a: TestUser; b: TestUser }> {
    const [a, b] = [await newMember(), await newMember()];
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 1 });
    await rsvp(meeting.id, a, 'going').expect(200);
    const waiting = await rsvp(meeting.id, b, 'going').expect(200);
    expect(waiting.body).toEqual({ status: 'going', waitlisted: true, waitlistPosition: 1 });
    return { meeting, a, b };
  }

  async function expectSeatHandedOver(meeting: Meeting, a: TestUser, b: TestUser): Promise<void> {
    expect(await stored(meeting.id, a.id)).toMatchObject({
      status: RsvpStatus.Declined,
      waitlistTicket: null,
    });
    expect(await stored(meeting.id, b.id)).toMatchObject({ status: RsvpStatus.Going, waitlistTicket: null });
    // B's own view: going, no longer waitlisted (repeating the answer changes nothing).
    const mine = await rsvp(meeting.id, b, 'going').expect(200);
    expect(mine.body).toEqual({ status: 'going', waitlisted: false, waitlistPosition: null });
    const view = await t.http.get(`/meetings/${meeting.id}`).set(b.auth).expect(200);
    expect(view.body).toMatchObject({ goingCount: 1, waitlistCount: 0 });
  }

  it('removing a member seats the first waitlisted person, audited in the group chain', async () => {
    const { meeting, a, b } = await fullMeeting();
    await t.http
      .delete(`${members(cast.group.slug)}/${a.id}`)
      .set(cast.governmentAnchor.auth)
      .expect(200);
    await expectSeatHandedOver(meeting, a, b);
    const declined = await stored(meeting.id, a.id);
    const event = await t
      .em()
      .findOne(
        AuditEvent,
        { scope: groupScope(cast.group.id), action: 'meeting.rsvp', entityId: declined.id },
        { orderBy: { seq: 'desc' } },
      );
    expect(event?.actorId).toBe(cast.governmentAnchor.id);
    expect(event?.before).toEqual({ status: 'going', waitlistTicket: null });
    expect(event?.after).toEqual({
      meetingId: meeting.id,
      status: 'declined',
      waitlistTicket: null,
      promotedFromWaitlist: [b.id],
      reason: 'membership.ended',
    });
  });

  it('leaving the group by oneself does the same', async () => {
    const { meeting, a, b } = await fullMeeting();
    await t.http
      .delete(`${members(cast.group.slug)}/${a.id}`)
      .set(a.auth)
      .expect(200);
    await expectSeatHandedOver(meeting, a, b);
  });

  it('declines waitlisted and maybe answers too, without seating anyone in their place', async () => {
    const { meeting, a, b } = await fullMeeting();
    const maybeMeeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    await rsvp(maybeMeeting.id, b, 'maybe').expect(200);
    await t.http
      .delete(`${members(cast.group.slug)}/${b.id}`)
      .set(b.auth)
      .expect(200);
    expect(await stored(meeting.id, b.id)).toMatchObject({
      status: RsvpStatus.Declined,
      waitlistTicket: null,
    });
    expect(await stored(maybeMeeting.id, b.id)).toMatchObject({ status: RsvpStatus.Declined });
    expect(await stored(meeting.id, a.id)).toMatchObject({ status: RsvpStatus.Going, waitlistTicket: null });
  });

  it("leaves past, concluded, cancelled and other groups' meetings untouched", async () => {
    const a = await newMember();
    await addMember(t, cast.otherGroup, a, GroupRole.Member);
    const past = Date.now() - 48 * HOUR;
    const ended = await insertMeeting(t, cast.group, cast.governmentAnchor, {
      startsAt: new Date(past),
      endsAt: new Date(past + HOUR),
    }); // still `scheduled`, but over
    const concluded = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const cancelled = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const elsewhere = await insertMeeting(t, cast.otherGroup, cast.otherAnchor);
    for (const m of [ended, concluded, cancelled, elsewhere]) await rsvp(m.id, a, 'going').expect(200);
    await t.em().nativeUpdate(Meeting, { id: concluded.id }, { status: MeetingStatus.Concluded });
    await t.em().nativeUpdate(Meeting, { id: cancelled.id }, { status: MeetingStatus.Cancelled });
    await t.http
      .delete(`${members(cast.group.slug)}/${a.id}`)
      .set(cast.civilSocietyAnchor.auth)
      .expect(200);
    for (const m of [ended, concluded, cancelled, elsewhere]) {
      expect(await stored(m.id, a.id)).toMatchObject({ status: RsvpStatus.Going, waitlistTicket: null });
    }
  });

  it('a refused removal changes no RSVP', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 1 });
    const b = await newMember();
    await rsvp(meeting.id, cast.governmentAnchor, 'going').expect(200);
    await rsvp(meeting.id, b, 'going').expect(200);
    // The last government anchor may not leave an active group (409): the transaction rolls back whole.
    await t.http
      .delete(`${members(cast.group.slug)}/${cast.governmentAnchor.id}`)
      .set(cast.governmentAnchor.auth)
      .expect(409);
    expect(await stored(meeting.id, cast.governmentAnchor.id)).toMatchObject({ status: RsvpStatus.Going });
    expect((await stored(meeting.id, b.id)).waitlistTicket).not.toBeNull();
  });
});
