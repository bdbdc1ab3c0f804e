import { auditCount } from './factories/audit';
import { DomainHooks } from '../src/common/events/hooks';
import { GroupVisibility } from '../src/groups/groups.enums';
import { addMember, createGroupCast, useGroupCast } from './factories/groups';
import { countRows, insertMeeting, meetingBody } from './factories/meetings';

describe('meetings: scheduling, visibility and status', () => {
  const { t, cast } = useGroupCast();
  const hookCalls: { name: string; payload: Record<string, unknown> }[] = [];

  beforeAll(() => {
    const hooks = t.app.get(DomainHooks);
    hooks.onTransaction('meeting.created', async (_em, payload) => {
      hookCalls.push({ name: 'meeting.created', payload });
      await Promise.resolve();
    });
    hooks.onTransaction('meeting.status_changed', async (_em, payload) => {
      hookCalls.push({ name: 'meeting.status_changed', payload });
      await Promise.resolve();
    });
  });

  const create = (body: Record<string, unknown>, auth = cast.governmentAnchor.auth) =>
    t.http.post(`/working-groups/${cast.group.slug}/meetings`).set(auth).send(body);

  it('lets an anchor schedule a meeting, in draft by default, and runs the meeting.created hook', async () => {
    const audits = await auditCount(t);
    const res = await create(meetingBody({ capacity: 25, description: 'Quarterly' })).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      sequence: 0,
      capacity: 25,
      groupSlug: cast.group.slug,
      onlineUrl: 'https://meet.example.org/open-data',
      timeZone: 'America/Mexico_City',
      agenda: { plannedMinutes: 0, meetingMinutes: 60, overBy: 0 },
      goingCount: 0,
      waitlistCount: 0,
    });
    expect(res.body.startsAt).toMatch(/Z$/);
    expect(await auditCount(t)).toBe(audits + 1);
    expect(hookCalls).toContainEqual({
      name: 'meeting.created',
      payload: {
        meetingId: res.body.id,
        groupId: cast.group.id,
        title: 'Open data exchange',
        status: 'draft',
        actorId: cast.governmentAnchor.id,
      },
    });
  });

  it('stores instants in UTC whatever offset they were given in', async () => {
    const res = await create(
      meetingBody({ startsAt: '2031-03-01T10:00:00-05:00', endsAt: '2031-03-01T11:30:00-05:00' }),
    ).expect(201);
    expect(res.body.startsAt).toBe('2031-03-01T15:00:00.000Z');
    expect(res.body.agenda.meetingMinutes).toBe(90);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an end before the start', { endsAt: new Date(Date.now()).toISOString() }, 'endsAt'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['a negative capacity', { capacity: -3 }, 'capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['an in-person meeting without location', { format: 'in_person', onlineUrl: undefined }, 'location'],
    [
      'a hybrid meeting without online URL',
      { format: 'hybrid', location: 'Paris', onlineUrl: undefined },
      'onlineUrl',
    ],
    ['a plain-http online URL', { onlineUrl: 'http://meet.example.org/x' }, 'onlineUrl'],
    ['a local time without offset', { startsAt: '2031-03-01T10:00:00' }, 'startsAt'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with 422, storing nothing and auditing nothing', async (_label, overrides, path) => {
    const [audits, meetings] = [await auditCount(t), await countRows(t, 'meeting')];
    const res = await create(meetingBody(overrides)).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await auditCount(t)).toBe(audits);
    expect(await countRows(t, 'meeting')).toBe(meetings);
  });

  it('refuses members, observers, stewards and outsiders as schedulers; anonymous is 401', async () => {
    const audits = await auditCount(t);
    await create(meetingBody(), cast.member.auth).expect(403);
    await create(meetingBody(), cast.observer.auth).expect(403);
    await create(meetingBody(), cast.outsider.auth).expect(403);
    await create(meetingBody(), cast.otherAnchor.auth).expect(403);
    await create(meetingBody(), cast.steward.auth).expect(403);
    await t.http.post(`/working-groups/${cast.group.slug}/meetings`).send(meetingBody()).expect(401);
    expect(await auditCount(t)).toBe(audits);
  });

  it('shows drafts to anchors and stewards only', async () => {
    const { body } = await create(meetingBody()).expect(201);
    await t.http.get(`/meetings/${body.id}`).expect(404);
    await t.http.get(`/meetings/${body.id}`).set(cast.member.auth).expect(404);
    await t.http.get(`/meetings/${body.id}`).set(cast.civilSocietyAnchor.auth).expect(200);
    await t.http.get(`/meetings/${body.id}`).set(cast.steward.auth).expect(200);
    await t.http.get('/meetings/not-a-uuid').expect(404);
  });

  it('moves draft → scheduled → live → concluded, bumping the sequence and hiding the URL from the public', async () => {
    const { body } = await create(meetingBody()).expect(201);
    const status = (s: string, expected: number, auth = cast.governmentAnchor.auth) =>
      t.http.post(`/meetings/${body.id}/status`).set(auth).send({ status: s }).expect(expected);

    const refused = await status('live', 409);
    expect(refused.body).toMatchObject({ code: 'meeting.invalid_transition' });
    expect(refused.body.params.allowed).toEqual(['scheduled', 'cancelled']);
    expect(refused.body.detail).toContain('scheduled, cancelled');
    await status('scheduled', 404, cast.member.auth); // a draft is invisible to members

    const scheduled = await status('scheduled', 200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', sequence: 1 });
    const anonymous = await t.http.get(`/meetings/${body.id}`).expect(200);
    expect(anonymous.body.onlineUrl).toBeNull();
    const asObserver = await t.http.get(`/meetings/${body.id}`).set(cast.observer.auth).expect(200);
    expect(asObserver.body.onlineUrl).toBe('https://meet.example.org/open-data');
    const asOutsider = await t.http.get(`/meetings/${body.id}`).set(cast.outsider.auth).expect(200);
    expect(asOutsider.body.onlineUrl).toBeNull();

    await status('live', 403, cast.member.auth);
    await status('live', 200);
    expect((await status('cancelled', 409)).body.params.allowed).toEqual(['concluded']);
    const concluded = await status('concluded', 200);
    expect(concluded.body).toMatchObject({ status: 'concluded', sequence: 3 });
    expect((await status('scheduled', 409)).body.detail).toContain('none');
    expect(hookCalls.filter((c) => c.payload.meetingId === body.id).map((c) => c.payload.status)).toEqual([
      'draft',
      'scheduled',
      'live',
      'concluded',
    ]);
  });

  it('may create a meeting directly as scheduled, and cancels it with a reason', async () => {
    const { body } = await create(meetingBody({ status: 'scheduled' })).expect(201);
    expect(body.status).toBe('scheduled');
    await create(meetingBody({ status: 'live' })).expect(422);
    const cancelled = await t.http
      .post(`/meetings/${body.id}/status`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ status: 'cancelled', reason: 'Venue closed' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'Venue closed', sequence: 1 });
    await t.http
      .patch(`/meetings/${body.id}`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ title: 'x' })
      .expect(409);
  });

  it('edits a meeting, checking the merged result, and bumps the sequence', async () => {
    const { body } = await create(meetingBody({ status: 'scheduled' })).expect(201);
    const patch = (b: Record<string, unknown>, auth = cast.governmentAnchor.auth) =>
      t.http.patch(`/meetings/${body.id}`).set(auth).send(b);
    const audits = await auditCount(t);
    const tooEarly = await patch({ endsAt: new Date(Date.now() - 3_600_000).toISOString() }).expect(422);
    expect(tooEarly.body.errors[0].path).toBe('endsAt');
    await patch({ format: 'in_person' }).expect(422); // no location yet
    await patch({ timeZone: 'Mars/Olympus' }).expect(422);
    await patch({ capacity: 0 }).expect(422);
    await patch({ title: null }).expect(422);
    await patch({ title: 'Renamed' }, cast.member.auth).expect(403);
    expect(await auditCount(t)).toBe(audits);
    const ok = await patch({
      title: 'Renamed',
      format: 'hybrid',
      location: 'Mexico City',
      capacity: null,
    }).expect(200);
    expect(ok.body).toMatchObject({
      title: 'Renamed',
      format: 'hybrid',
      location: 'Mexico City',
      sequence: 1,
    });
    expect(await auditCount(t)).toBe(audits + 1);
  });

  it('lists upcoming and past meetings by start time, with date range and cursor pagination', async () => {
    const { group, governmentAnchor } = await createGroupCast(t);
    const day = 86_400_000;
    const inDays = (d: number) => new Date(Date.now() + d * day);
    const past = await insertMeeting(t, group, governmentAnchor, { startsAt: inDays(-3), title: 'past' });
    const ids = [];
    for (const d of [3, 1, 2])
      ids.push((await insertMeeting(t, group, governmentAnchor, { startsAt: inDays(d) })).id);
    await insertMeeting(t, group, governmentAnchor, { startsAt: inDays(4), status: 'draft' as never });

    const first = await t.http
      .get(`/working-groups/${group.slug}/meetings?when=upcoming&limit=2`)
      .expect(200);
    expect(first.body.items.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[2]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/working-groups/${group.slug}/meetings?when=upcoming&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.items.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const pastList = await t.http.get(`/working-groups/${group.slug}/meetings?when=past`).expect(200);
    expect(pastList.body.items.map((m: { id: string }) => m.id)).toEqual([past.id]);

    const range = await t.http
      .get(`/working-groups/${group.slug}/meetings`)
      .query({ from: inDays(1.5).toISOString(), to: inDays(3.5).toISOString() })
      .expect(200);
    expect(range.body.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[0]]);

    const asAnchor = await t.http
      .get(`/working-groups/${group.slug}/meetings?when=upcoming`)
      .set(governmentAnchor.auth);
    expect(asAnchor.body.items).toHaveLength(4); // includes the draft
    await t.http.get(`/working-groups/${group.slug}/meetings?when=soon`).expect(422);
    await t.http.get(`/working-groups/${group.slug}/meetings?cursor=garbage`).expect(422);
  });

  it('hides a members-only group’s meetings from non-members (404)', async () => {
    const secret = await createGroupCast(t, { visibility: GroupVisibility.Members });
    const meeting = await insertMeeting(t, secret.group, secret.governmentAnchor);
    await t.http.get(`/meetings/${meeting.id}`).expect(404);
    await t.http.get(`/meetings/${meeting.id}`).set(secret.outsider.auth).expect(404);
    await t.http.get(`/working-groups/${secret.group.slug}/meetings`).set(secret.outsider.auth).expect(404);
    await t.http
      .post(`/working-groups/${secret.group.slug}/meetings`)
      .set(secret.outsider.auth)
      .send(meetingBody())
      .expect(404);
    await t.http
      .patch(`/meetings/${meeting.id}`)
      .set(secret.otherAnchor.auth)
      .send({ title: 'x' })
      .expect(404);
    const asMember = await t.http.get(`/meetings/${meeting.id}`).set(secret.member.auth).expect(200);
    expect(asMember.body.onlineUrl).toBe('https://meet.example.org/inserted');
    await t.http.get(`/working-groups/${secret.group.slug}/meetings`).set(secret.observer.auth).expect(200);
  });

  it('lists my upcoming scheduled or live meetings across my groups', async () => {
    const a = await createGroupCast(t);
    const b = await createGroupCast(t);
    await addMember(t, b.group, a.member);
    const m1 = await insertMeeting(t, a.group, a.governmentAnchor, {
      startsAt: new Date(Date.now() + 7_200_000),
    });
    const m2 = await insertMeeting(t, b.group, b.governmentAnchor, {
      startsAt: new Date(Date.now() + 3_600_000),
    });
    const live = await insertMeeting(t, b.group, b.governmentAnchor, {
      startsAt: new Date(Date.now() - 600_000),
      status: 'live' as never,
    });
    await insertMeeting(t, a.group, a.governmentAnchor, { status: 'draft' as never });
    await insertMeeting(t, a.group, a.governmentAnchor, { status: 'cancelled' as never });
    await insertMeeting(t, a.group, a.governmentAnchor, { startsAt: new Date(Date.now() - 7_200_000) });
    await insertMeeting(t, a.otherGroup, a.otherAnchor);
    const res = await t.http.get('/me/meetings').set(a.member.auth).expect(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([live.id, m2.id, m1.id]);
    expect(res.body.items[0].onlineUrl).toEqual(expect.any(String));
    await t.http.get('/me/meetings').expect(401);
  });

  it('documents every meetings route and body in OpenAPI', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/working-groups/{slug}/meetings',
        '/meetings/{id}',
        '/meetings/{id}/status',
        '/meetings/{id}/agenda-items',
        '/agenda-items/{id}',
        '/meetings/{id}/agenda-order',
        '/meetings/{id}/rsvp',
        '/meetings/{id}/join',
        '/meetings/{id}/minutes',
        '/meetings/{id}/minutes/publish',
        '/meetings/{id}/ics',
        '/working-groups/{slug}/calendar.ics',
        '/me/meetings',
        '/me/action-items',
        '/me/calendar-token',
        '/action-items/{id}',
      ]),
    );
    expect(Object.keys(res.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'MeetingDto',
        'CreateMeetingDto',
        'RsvpAnswerDto',
        'MinutesDto',
        'AgendaItemDto',
      ]),
    );
  });
});
