import { createGroupCast, useGroupCast } from './factories/groups';
import { insertMeeting, meetingBody } from './factories/meetings';

interface Local {
  timeZone: string;
  startsAt: string;
  endsAt: string;
}
interface MeetingAnswer {
  id: string;
  startsAt: string;
  endsAt: string;
  local: Local;
  callerLocal: Local | null;
}

/** Meetings keep UTC instants and also carry local renderings in the meeting's zone and the caller's. */
describe('meeting times in the meeting’s and the caller’s zone', () => {
  const { t } = useGroupCast();

  it('renders a Europe/Paris meeting series across the 2027-03-28 DST change, for a Tokyo caller', async () => {
    const g = await createGroupCast(t);
    await t.http.patch('/me').set(g.member.auth).send({ timeZone: 'Asia/Tokyo' }).expect(200);
    const before = await insertMeeting(t, g.group, g.governmentAnchor, {
      timeZone: 'Europe/Paris',
      startsAt: new Date('2027-03-25T09:00:00Z'), // 10:00 CET (UTC+1)
      endsAt: new Date('2027-03-25T10:30:00Z'),
    });
    const across = await insertMeeting(t, g.group, g.governmentAnchor, {
      timeZone: 'Europe/Paris',
      startsAt: new Date('2027-03-28T00:30:00Z'), // 01:30 CET, ends 04:30 CEST: spans the change at 02:00
      endsAt: new Date('2027-03-28T02:30:00Z'),
    });
    const after = await insertMeeting(t, g.group, g.governmentAnchor, {
      timeZone: 'Europe/Paris',
      startsAt: new Date('2027-04-01T08:00:00Z'), // 10:00 CEST (UTC+2)
      endsAt: new Date('2027-04-01T09:30:00Z'),
    });

    const one = (await t.http.get(`/meetings/${before.id}`).set(g.member.auth).expect(200))
      .body as MeetingAnswer;
    expect(one.startsAt).toBe('2027-03-25T09:00:00.000Z'); // the UTC instant stays
    expect(one.local).toEqual({
      timeZone: 'Europe/Paris',
      startsAt: '2027-03-25T10:00:00+01:00',
      endsAt: '2027-03-25T11:30:00+01:00',
    });
    expect(one.callerLocal).toEqual({
      timeZone: 'Asia/Tokyo',
      startsAt: '2027-03-25T18:00:00+09:00',
      endsAt: '2027-03-25T19:30:00+09:00',
    });

    const list = (
      await t.http
        .get(`/working-groups/${g.group.slug}/meetings`)
        .query({ from: '2027-03-01T00:00:00Z', to: '2027-05-01T00:00:00Z' })
        .set(g.member.auth)
        .expect(200)
    ).body.items as MeetingAnswer[];
    const byId = new Map(list.map((m) => [m.id, m]));
    expect(byId.get(across.id)?.local).toEqual({
      timeZone: 'Europe/Paris',
      startsAt: '2027-03-28T01:30:00+01:00',
      endsAt: '2027-03-28T04:30:00+02:00',
    });
    expect(byId.get(after.id)?.local).toEqual({
      timeZone: 'Europe/Paris',
      startsAt: '2027-04-01T10:00:00+02:00', // same wall clock as before the change, one hour earlier in UTC
      endsAt: '2027-04-01T11:30:00+02:00',
    });
    expect(byId.get(after.id)?.callerLocal).toEqual({
      timeZone: 'Asia/Tokyo',
      startsAt: '2027-04-01T17:00:00+09:00',
      endsAt: '2027-04-01T18:30:00+09:00',
    });
    for (const m of list) {
      for (const local of [m.local, m.callerLocal!]) {
        expect(new Date(local.startsAt).toISOString()).toBe(m.startsAt); // the same instants, rendered
        expect(new Date(local.endsAt).toISOString()).toBe(m.endsAt);
      }
    }
  });

  it('renders in a Europe/Paris caller’s zone across the change, and gives anonymous callers no caller rendering', async () => {
    const g = await createGroupCast(t);
    await t.http.patch('/me').set(g.member.auth).send({ timeZone: 'Europe/Paris' }).expect(200);
    const ids: string[] = [];
    for (const day of ['2027-03-25', '2027-04-01']) {
      const created = await t.http
        .post(`/working-groups/${g.group.slug}/meetings`)
        .set(g.governmentAnchor.auth)
        .send(
          meetingBody({
            status: 'scheduled',
            timeZone: 'Asia/Tokyo',
            startsAt: `${day}T09:00:00Z`, // 18:00 in Tokyo on both days
            endsAt: `${day}T10:00:00Z`,
          }),
        )
        .expect(201);
      expect((created.body as MeetingAnswer).local.startsAt).toBe(`${day}T18:00:00+09:00`);
      expect((created.body as MeetingAnswer).callerLocal?.timeZone).toBe('UTC'); // the anchor's default zone
      ids.push(created.body.id as string);
    }
    const mine = (await t.http.get('/me/meetings').set(g.member.auth).expect(200)).body
      .items as MeetingAnswer[];
    const [march, april] = ids.map((id) => mine.find((m) => m.id === id)!);
    expect(march?.callerLocal).toEqual({
      timeZone: 'Europe/Paris',
      startsAt: '2027-03-25T10:00:00+01:00',
      endsAt: '2027-03-25T11:00:00+01:00',
    });
    expect(april?.callerLocal).toEqual({
      timeZone: 'Europe/Paris',
      startsAt: '2027-04-01T11:00:00+02:00',
      endsAt: '2027-04-01T12:00:00+02:00',
    });

    const anonymous = (await t.http.get(`/meetings/${ids[0]}`).expect(200)).body as MeetingAnswer;
    expect(anonymous.callerLocal).toBeNull();
    expect(anonymous.local).toEqual({
      timeZone: 'Asia/Tokyo',
      startsAt: '2027-03-25T18:00:00+09:00',
      endsAt: '2027-03-25T19:00:00+09:00',
    });
  });
});
