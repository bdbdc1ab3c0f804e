import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { createUser } from './factories/users';

describe("meetings: the caller's own RSVP, RSVP counts and attendees", () => {
  const { t, cast } = useGroupCast();

  it('carries myRsvp for the caller and rsvpCounts for everyone who may see the meeting', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { capacity: 1 });
    const extra = await createUser(t);
    await addMember(t, cast.group, extra);
    const answer = (user: { auth: Record<string, string> }, status: string) =>
      t.http.put(`/meetings/${meeting.id}/rsvp`).set(user.auth).send({ status }).expect(200);
    await answer(cast.member, 'going');
    await answer(extra, 'going');
    await answer(cast.observer, 'maybe');
    await answer(cast.civilSocietyAnchor, 'declined');
    const counts = { going: 1, maybe: 1, declined: 1, waitlisted: 1 };

    const asMember = await t.http.get(`/meetings/${meeting.id}`).set(cast.member.auth).expect(200);
    expect(asMember.body.myRsvp).toEqual({ status: 'going', waitlisted: false, waitlistPosition: null });
    expect(asMember.body.rsvpCounts).toEqual(counts);
    const asExtra = await t.http.get(`/meetings/${meeting.id}`).set(extra.auth).expect(200);
    expect(asExtra.body.myRsvp).toEqual({ status: 'going', waitlisted: true, waitlistPosition: 1 });
    const asOutsider = await t.http.get(`/meetings/${meeting.id}`).set(cast.outsider.auth).expect(200);
    expect(asOutsider.body.myRsvp).toBeNull();
    expect(asOutsider.body.rsvpCounts).toEqual(counts);
    const anonymous = await t.http.get(`/meetings/${meeting.id}`).expect(200);
    expect(anonymous.body.myRsvp).toBeNull();
    expect(anonymous.body.rsvpCounts).toEqual(counts);

    const list = await t.http
      .get(`/working-groups/${cast.group.slug}/meetings`)
      .set(cast.observer.auth)
      .expect(200);
    const item = (list.body.items as { id: string; myRsvp: unknown }[]).find((m) => m.id === meeting.id);
    expect(item?.myRsvp).toEqual({ status: 'maybe', waitlisted: false, waitlistPosition: null });
    const mine = await t.http.get('/me/meetings').set(extra.auth).expect(200);
    expect(
      (mine.body.items as { id: string; myRsvp: unknown }[]).find((m) => m.id === meeting.id)?.myRsvp,
    ).toEqual({
      status: 'going',
      waitlisted: true,
      waitlistPosition: 1,
    });
  });

  it('names attendees to active members and stewards only; others who see the meeting get 403, anonymous 401', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    await t.http
      .put(`/meetings/${meeting.id}/rsvp`)
      .set(cast.member.auth)
      .send({ status: 'going' })
      .expect(200);
    await t.http
      .put(`/meetings/${meeting.id}/rsvp`)
      .set(cast.observer.auth)
      .send({ status: 'declined' })
      .expect(200);
    for (const viewer of [cast.member, cast.observer, cast.governmentAnchor, cast.steward, cast.admin]) {
      const res = await t.http.get(`/meetings/${meeting.id}/attendees`).set(viewer.auth).expect(200);
      expect(
        res.body.items.map((a: { user: { id: string }; status: string }) => [a.user.id, a.status]),
      ).toEqual([
        [cast.member.id, 'going'],
        [cast.observer.id, 'declined'],
      ]);
      expect(res.body.items[0].user.displayName).toEqual(expect.any(String));
    }
    const going = await t.http
      .get(`/meetings/${meeting.id}/attendees?status=going`)
      .set(cast.member.auth)
      .expect(200);
    expect(going.body.items).toHaveLength(1);
    const paged = await t.http
      .get(`/meetings/${meeting.id}/attendees?limit=1`)
      .set(cast.member.auth)
      .expect(200);
    expect(paged.body.nextCursor).toEqual(expect.any(String));

    const outsider = await t.http
      .get(`/meetings/${meeting.id}/attendees`)
      .set(cast.outsider.auth)
      .expect(403);
    expect(outsider.body.code).toBe('group.role_required');
    await t.http.get(`/meetings/${meeting.id}/attendees`).expect(401);

    // A left member is an outsider again.
    const former = await createUser(t);
    await addMember(t, cast.group, former, GroupRole.Member, MembershipStatus.Left);
    await t.http.get(`/meetings/${meeting.id}/attendees`).set(former.auth).expect(403);
  });

  it("a members-only group's meeting: an invitee gets counts (no names), an outsider 404", async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await addMember(t, hidden, cast.member);
    const invitee = await createUser(t);
    await addMember(t, hidden, invitee, GroupRole.Member, MembershipStatus.Invited);
    const meeting = await insertMeeting(t, hidden, cast.governmentAnchor);
    await t.http
      .put(`/meetings/${meeting.id}/rsvp`)
      .set(cast.member.auth)
      .send({ status: 'going' })
      .expect(200);
    await t.http.get(`/meetings/${meeting.id}`).set(cast.outsider.auth).expect(404);
    await t.http.get(`/meetings/${meeting.id}/attendees`).set(cast.outsider.auth).expect(404);
    // An invitation shows the group, not its meetings (canSeeGroupMeetings): counts and names are both hidden.
    await t.http.get(`/working-groups/${hidden.slug}`).set(invitee.auth).expect(200);
    await t.http.get(`/meetings/${meeting.id}`).set(invitee.auth).expect(404);
    await t.http.get(`/meetings/${meeting.id}/attendees`).set(invitee.auth).expect(404);
    const asMember = await t.http.get(`/meetings/${meeting.id}/attendees`).set(cast.member.auth).expect(200);
    expect(asMember.body.items).toHaveLength(1);
  });
});
