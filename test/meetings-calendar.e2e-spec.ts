import { auditCount } from './factories/audit';
import ICAL from 'ical.js';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { GroupVisibility } from '../src/groups/groups.enums';
import { createGroupCast, useGroupCast } from './factories/groups';
import { insertMeeting, meetingBody } from './factories/meetings';
import { asIcsText, calendarText, expectCrlfLines, expectWellFolded, HOSTILE_TEXT } from './support/ics';

/** Parses with ical.js (strict) and registers the feed's VTIMEZONEs so local times convert to instants. */
function parse(text: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('meeting calendars (ICS)', () => {
  const { t, cast } = useGroupCast();

  it('serves one meeting with a stable UID, TZID and VTIMEZONE, and bumps SEQUENCE after an edit', async () => {
    const created = await t.http
      .post(`/working-groups/${cast.group.slug}/meetings`)
      .set(cast.governmentAnchor.auth)
      .send(
        meetingBody({ status: 'scheduled', timeZone: 'Europe/Paris', description: 'Agenda; notes, etc.' }),
      )
      .expect(201);
    const id = created.body.id as string;
    const first = await t.http.get(`/meetings/${id}/ics`).expect(200);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parse(first.text);
    expect(events).toHaveLength(1);
    const [event] = events as [ICAL.Event];
    expect(event.uid).toBe(`${id}@convene`);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe('Open data exchange');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(first.text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}\r\n/);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const startsAtSecond = Math.floor(new Date(created.body.startsAt).getTime() / 1000) * 1000; // ICS has seconds
    expect(event.startDate.toJSDate().getTime()).toBe(startsAtSecond);
    expect(first.text).not.toContain('meet.example.org'); // anonymous: no online URL

    await t.http
      .patch(`/meetings/${id}`)
      .set(cast.governmentAnchor.auth)
      .send({ title: 'Renamed' })
      .expect(200);
    const second = parse((await t.http.get(`/meetings/${id}/ics`).set(cast.member.auth).expect(200)).text);
    expect(second.events[0]?.uid).toBe(`${id}@convene`);
    expect(second.events[0]?.sequence).toBe(1);
    expect(second.events[0]?.summary).toBe('Renamed');
    expect(second.events[0]?.description).toContain('https://meet.example.org/open-data'); // members see it
  });

  it('ends every line of both endpoints with CRLF, the last one included (RFC 5545 §3.1)', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const single = await t.http.get(`/meetings/${meeting.id}/ics`).expect(200);
    const feed = await t.http.get(`/working-groups/${cast.group.slug}/calendar.ics`).expect(200);
    for (const res of [single, feed]) {
      expectCrlfLines(res.text);
      expect(res.text.split('\r\n').at(-1)).toBe(''); // nothing after the final CRLF
      expect(parse(res.text).events.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('marks a cancelled meeting STATUS:CANCELLED with a higher SEQUENCE', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    await t.http
      .post(`/meetings/${meeting.id}/status`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'cancelled', reason: 'Storm' })
      .expect(200);
    const res = await t.http.get(`/meetings/${meeting.id}/ics`).expect(200);
    expect(res.text).toContain('STATUS:CANCELLED');
    const [event] = parse(res.text).events as [ICAL.Event];
    expect(event.sequence).toBe(1);
  });

  it('keeps a weekly 10:00 New York meeting at 10:00 local across the March 2027 DST change', async () => {
    const g = await createGroupCast(t);
    const before = await insertMeeting(t, g.group, g.governmentAnchor, {
      title: 'Before DST',
      timeZone: 'America/New_York',
      startsAt: new Date('2027-03-10T15:00:00Z'), // 10:00 EST (UTC-5)
      endsAt: new Date('2027-03-10T16:00:00Z'),
    });
    const after = await insertMeeting(t, g.group, g.governmentAnchor, {
      title: 'After DST',
      timeZone: 'America/New_York',
      startsAt: new Date('2027-03-17T14:00:00Z'), // 10:00 EDT (UTC-4)
      endsAt: new Date('2027-03-17T15:00:00Z'),
    });
    await insertMeeting(t, g.group, g.governmentAnchor, { title: 'Draft', status: MeetingStatus.Draft });
    const res = await t.http.get(`/working-groups/${g.group.slug}/calendar.ics`).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { events } = parse(res.text);
    expect(events.map((e) => e.summary).sort()).toEqual(['After DST', 'Before DST']); // no drafts
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const [b, a] = [byUid.get(`${before.id}@convene`)!, byUid.get(`${after.id}@convene`)!];
    for (const e of [b, a]) {
      expect(e.startDate.zone?.tzid).toBe('America/New_York');
      expect([e.startDate.hour, e.startDate.minute]).toEqual([10, 0]);
      expect([e.endDate.hour, e.endDate.minute]).toEqual([11, 0]);
    }
    expect(b.startDate.toJSDate().toISOString()).toBe('2027-03-10T15:00:00.000Z');
    expect(a.startDate.toJSDate().toISOString()).toBe('2027-03-17T14:00:00.000Z');
    expect(b.startDate.toJSDate().getTime() - a.startDate.toJSDate().getTime()).toBe(
      -7 * 86_400_000 + 3_600_000,
    );
    expect(res.text).toMatch(
      /BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400/,
    );
  });

  it('serves a members-only group’s feed only through a valid personal token', async () => {
    const secret = await createGroupCast(t, { visibility: GroupVisibility.Members });
    const meeting = await insertMeeting(t, secret.group, secret.governmentAnchor, {
      title: 'Closed session',
    });
    const feed = `/working-groups/${secret.group.slug}/calendar.ics`;
    await t.http.get(feed).expect(404);
    await t.http.get(feed).query({ token: 'not-a-real-token' }).expect(404);
    await t.http.get(`/meetings/${meeting.id}/ics`).expect(404);
    await t.http.post('/me/calendar-token').expect(401);

    const audits = await auditCount(t);
    const issued = await t.http.post('/me/calendar-token').set(secret.member.auth).expect(201);
    expect(await auditCount(t)).toBe(audits + 1);
    const token = issued.body.token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const stored = await t
      .em()
      .execute('select token_hash from calendar_token where user_id = ?', [secret.member.id]);
    expect(stored[0]?.token_hash).not.toBe(token); // only the hash is stored

    const ok = await t.http.get(feed).query({ token }).expect(200);
    const [event] = parse(ok.text).events as [ICAL.Event];
    expect(event.summary).toBe('Closed session');
    expect(event.description).toContain('https://meet.example.org/inserted');

    const outsiderToken = (await t.http.post('/me/calendar-token').set(secret.outsider.auth).expect(201)).body
      .token;
    await t.http.get(feed).query({ token: outsiderToken }).expect(404);

    const second = (await t.http.post('/me/calendar-token').set(secret.member.auth).expect(201)).body.token;
    await t.http.get(feed).query({ token }).expect(200); // a second device's token does not revoke the first
    await t.http.get(feed).query({ token: second }).expect(200);
    await t.http.get(feed).set(secret.member.auth).expect(200); // a bearer token works too
  });
  it.each(Object.entries(HOSTILE_TEXT))(
    'escapes %s text from the API in every field of both endpoints (no injected events or alarms)',
    async (_case, text) => {
      const g = await createGroupCast(t, { name: text });
      const fields = {
        status: 'scheduled',
        format: 'hybrid',
        title: text,
        description: text,
        location: text,
      };
      const ids: string[] = [];
      for (const inHours of [48, 72]) {
        const res = await t.http
          .post(`/working-groups/${g.group.slug}/meetings`)
          .set(g.governmentAnchor.auth)
          .send(meetingBody(fields, inHours))
          .expect(201);
        ids.push(res.body.id as string);
      }
      const feed = await t.http
        .get(`/working-groups/${g.group.slug}/calendar.ics`)
        .set(g.member.auth)
        .expect(200);
      const single = await t.http.get(`/meetings/${ids[0]}/ics`).set(g.member.auth).expect(200);
      for (const [res, count, name] of [
        [feed, 2, `${text} (Convene)`],
        [single, 1, text],
      ] as const) {
        expectWellFolded(res.text);
        expect(res.text).not.toMatch(/(^|\r\n)(BEGIN|END):VALARM\r\n/);
        const { calendar, events } = parse(res.text);
        expect(events).toHaveLength(count);
        expect(calendarText(calendar, 'name')).toBe(asIcsText(name));
        expect(calendarText(calendar, 'x-wr-calname')).toBe(asIcsText(name));
        for (const event of events) {
          expect(ids.map((id) => `${id}@convene`)).toContain(event.uid);
          expect(event.component.getAllSubcomponents()).toHaveLength(0);
          expect(event.summary).toBe(asIcsText(text));
          expect(event.location).toBe(asIcsText(text));
          expect(event.description).toBe(
            `${asIcsText(text)}\n\nJoin online: https://meet.example.org/open-data`,
          );
          expect(event.component.getFirstPropertyValue('url')).toBe('https://meet.example.org/open-data');
        }
      }
    },
  );
});
