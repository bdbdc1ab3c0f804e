import { auditCount } from './factories/audit';
import { GroupRole, MembershipStatus } from '../src/groups/groups.enums';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { addMember, useGroupCast } from './factories/groups';
import { countRows, insertMeeting } from './factories/meetings';
import { createUser, TestUser } from './factories/users';

interface RsvpAnswer {
  status: string;
  waitlisted: boolean;
  waitlistPosition: number | null;
}

describe('meeting RSVPs and waitlist', () => {
  const { t, cast } = useGroupCast();

  const rsvp = (meetingId: string, user: TestUser, status: string) =>
    t.http.put(`/meetings/${meetingId}/rsvp`).set(user.auth).send({ status });

  async function createMembers(n: number): Promise<TestUser[]> {
    const users: TestUser[] = [];
    for (let i = 0; i < n; i += 6) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(6, n - i) }, () => createUser(t, { displayName: `Attendee ${i}` })),
      );
      users.push(...batch);
    }
    for (const u of users) await addMember(t, cast.group, u, GroupRole.Member);
    return users;
  }

  it('seats exactly the capacity when 30 members answer going at once; the rest wait in order 1..20', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 10 });
    const members = await createMembers(30);
    const responses = await Promise.all(members.map((m) => rsvp(meeting.id, m, 'going')));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    const answers = responses.map((r) => r.body as RsvpAnswer);
    expect(answers.filter((a) => !a.waitlisted)).toHaveLength(10);
    const positions = answers
      .filter((a) => a.waitlisted)
      .map((a) => a.waitlistPosition)
      .sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(positions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(answers.filter((a) => !a.waitlisted).every((a) => a.waitlistPosition === null)).toBe(true);

    const seated = await t.http.get(`/meetings/${meeting.id}`).set(cast.member.auth).expect(200);
    expect(seated.body).toMatchObject({ goingCount: 10, waitlistCount: 20 });

    // A confirmed attendee declines: waitlist position 1 gets the seat, everyone else moves up by one.
    const confirmedIndex = answers.findIndex((a) => !a.waitlisted);
    const firstWaiting = answers.findIndex((a) => a.waitlistPosition === 1);
    const secondWaiting = answers.findIndex((a) => a.waitlistPosition === 2);
    const declined = await rsvp(meeting.id, members[confirmedIndex], 'declined').expect(200);
    expect(declined.body).toEqual({ status: 'declined', waitlisted: false, waitlistPosition: null });
    const promoted = await rsvp(meeting.id, members[firstWaiting], 'going').expect(200);
    expect(promoted.body).toEqual({ status: 'going', waitlisted: false, waitlistPosition: null });
    const movedUp = await rsvp(meeting.id, members[secondWaiting], 'going').expect(200);
    expect(movedUp.body).toEqual({ status: 'going', waitlisted: true, waitlistPosition: 1 });
    const after = await t.http.get(`/meetings/${meeting.id}`).set(cast.member.auth).expect(200);
    expect(after.body).toMatchObject({ goingCount: 10, waitlistCount: 19 });

    // Switching from going to maybe also frees the seat; a waiting person leaving just leaves the queue.
    const maybe = await rsvp(meeting.id, members[firstWaiting], 'maybe').expect(200);
    expect(maybe.body).toEqual({ status: 'maybe', waitlisted: false, waitlistPosition: null });
    const nowSeated = await rsvp(meeting.id, members[secondWaiting], 'going').expect(200);
    expect(nowSeated.body.waitlisted).toBe(false);
    const final = await t.http.get(`/meetings/${meeting.id}`).set(cast.member.auth).expect(200);
    expect(final.body).toMatchObject({ goingCount: 10, waitlistCount: 18 });
  });

  it('seats waitlisted people when the capacity is raised', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 1 });
    await rsvp(meeting.id, cast.member, 'going').expect(200);
    const waiting = await rsvp(meeting.id, cast.observer, 'going').expect(200);
    expect(waiting.body).toEqual({ status: 'going', waitlisted: true, waitlistPosition: 1 });
    await t.http
      .patch(`/meetings/${meeting.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ capacity: 2 })
      .expect(200);
    const seated = await rsvp(meeting.id, cast.observer, 'going').expect(200);
    expect(seated.body.waitlisted).toBe(false);
  });

  it('lets every active member answer, observers included; an unlimited meeting never waitlists', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    for (const u of [cast.observer, cast.member, cast.civilSocietyAnchor]) {
      const res = await rsvp(meeting.id, u, 'going').expect(200);
      expect(res.body).toEqual({ status: 'going', waitlisted: false, waitlistPosition: null });
    }
    const audits = await auditCount(t);
    await rsvp(meeting.id, cast.member, 'going').expect(200); // unchanged: no new audit event
    expect(await auditCount(t)).toBe(audits);
  });

  it.each([MeetingStatus.Cancelled, MeetingStatus.Concluded])(
    'refuses an RSVP to a %s meeting with 409, storing nothing',
    async (status) => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { status });
      const [audits, rows] = [await auditCount(t), await countRows(t, 'rsvp')];
      const res = await rsvp(meeting.id, cast.member, 'going').expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'meeting.rsvp_closed', params: { status } });
      expect(await auditCount(t)).toBe(audits);
      expect(await countRows(t, 'rsvp')).toBe(rows);
    },
  );

  it('refuses outsiders (403), non-active members (403), stewards without membership (403), anonymous (401)', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const invited = await createUser(t);
    await addMember(t, cast.group, invited, GroupRole.Member, MembershipStatus.Invited);
    const audits = await auditCount(t);
    await rsvp(meeting.id, cast.outsider, 'going').expect(403);
    await rsvp(meeting.id, cast.otherAnchor, 'going').expect(403);
    await rsvp(meeting.id, invited, 'going').expect(403);
    await rsvp(meeting.id, cast.steward, 'going').expect(403);
    await t.http.put(`/meetings/${meeting.id}/rsvp`).send({ status: 'going' }).expect(401);
    await rsvp(meeting.id, cast.member, 'attending').expect(422);
    const draft = await insertMeeting(t, cast.group, cast.governmentAnchor, { status: MeetingStatus.Draft });
    await rsvp(draft.id, cast.member, 'going').expect(404); // members cannot see drafts
    await rsvp(draft.id, cast.governmentAnchor, 'going').expect(409);
    expect(await auditCount(t)).toBe(audits);
  });
});
