import type { Response } from 'supertest';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { GroupVisibility } from '../src/groups/groups.enums';
import { createGroupCast, GroupCast } from './factories/groups';
import { insertMeeting, meetingBody } from './factories/meetings';
import { TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Authorization matrix: every meetings route × every standing a caller can have. Each cell prepares its own
 * fresh meeting (and agenda item, minutes, ...) so cells never depend on one another.
 */
const ROLES = [
  'anonymous',
  'outsider',
  'observer',
  'member',
  'otherAnchor',
  'anchor',
  'steward',
  'admin',
] as const;
type Role = (typeof ROLES)[number];
type Expected = [number, number, number, number, number, number, number, number];

interface Ctx {
  t: TestApp;
  cast: GroupCast;
  as: (req: import('supertest').Test) => import('supertest').Test;
}

interface Row {
  route: string;
  call: (ctx: Ctx) => Promise<Response>;
  expected: Expected;
}

const ALL_OK: Expected = [200, 200, 200, 200, 200, 200, 200, 200];
const ANCHOR_ONLY_200: Expected = [401, 403, 403, 403, 403, 200, 403, 403];
const ACTIVE_MEMBERS_200: Expected = [401, 403, 200, 200, 403, 200, 403, 403];
const DRAFT_READ: Expected = [404, 404, 404, 404, 404, 200, 200, 200];
const MEMBERS_GROUP_READ: Expected = [404, 404, 200, 200, 404, 200, 200, 200];
const SIGNED_IN_200: Expected = [401, 200, 200, 200, 200, 200, 200, 200];

const anchorOf = (c: Ctx) => c.cast.governmentAnchor;
const meeting = (c: Ctx, status: MeetingStatus = MeetingStatus.Scheduled) =>
  insertMeeting(c.t, c.cast.group, anchorOf(c), { status });

async function proposedItem(c: Ctx): Promise<{ meetingId: string; itemId: string }> {
  const m = await meeting(c);
  const res = await c.t.http
    .post(`/meetings/${m.id}/agenda-items`)
    .set(c.cast.member.auth)
    .send({ title: 'Item', durationMinutes: 10 })
    .expect(201);
  return { meetingId: m.id, itemId: res.body.id as string };
}

async function minutes(c: Ctx, publish: boolean): Promise<{ meetingId: string; actionItemId: string }> {
  const m = await meeting(c, MeetingStatus.Concluded);
  const res = await c.t.http
    .put(`/meetings/${m.id}/minutes`)
    .set(anchorOf(c).auth)
    .send({
      body: 'Minutes',
      decisions: ['One'],
      actionItems: [{ title: 'Do it', assigneeId: c.cast.member.id, dueDate: '2031-01-01' }],
    })
    .expect(200);
  if (publish) await c.t.http.post(`/meetings/${m.id}/minutes/publish`).set(anchorOf(c).auth).expect(200);
  return { meetingId: m.id, actionItemId: res.body.actionItems[0].id as string };
}

const minutesBody = (c: Ctx) => ({
  body: 'x',
  decisions: [],
  actionItems: [{ title: 'y', assigneeId: c.cast.member.id, dueDate: '2031-01-01' }],
});

const PUBLIC_ROWS: Row[] = [
  {
    route: 'GET /working-groups/:slug/meetings',
    expected: ALL_OK,
    call: (c) => c.as(c.t.http.get(`/working-groups/${c.cast.group.slug}/meetings`)),
  },
  {
    route: 'POST /working-groups/:slug/meetings',
    expected: [401, 403, 403, 403, 403, 201, 403, 403],
    call: (c) => c.as(c.t.http.post(`/working-groups/${c.cast.group.slug}/meetings`)).send(meetingBody()),
  },
  {
    route: 'GET /meetings/:id (scheduled)',
    expected: ALL_OK,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}`)),
  },
  {
    route: 'GET /meetings/:id (draft)',
    expected: DRAFT_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c, MeetingStatus.Draft)).id}`)),
  },
  {
    route: 'PATCH /meetings/:id',
    expected: ANCHOR_ONLY_200,
    call: async (c) =>
      c.as(c.t.http.patch(`/meetings/${(await meeting(c)).id}`)).send({ title: 'New title' }),
  },
  {
    route: 'POST /meetings/:id/status (draft → scheduled)',
    expected: [401, 404, 404, 404, 404, 200, 403, 403],
    call: async (c) =>
      c
        .as(c.t.http.post(`/meetings/${(await meeting(c, MeetingStatus.Draft)).id}/status`))
        .send({ status: 'scheduled' }),
  },
  {
    route: 'POST /meetings/:id/status (scheduled → live)',
    expected: ANCHOR_ONLY_200,
    call: async (c) =>
      c.as(c.t.http.post(`/meetings/${(await meeting(c)).id}/status`)).send({ status: 'live' }),
  },
  {
    route: 'GET /meetings/:id/agenda-items',
    expected: ALL_OK,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}/agenda-items`)),
  },
  {
    route: 'POST /meetings/:id/agenda-items',
    expected: [401, 403, 403, 201, 403, 201, 403, 403],
    call: async (c) =>
      c
        .as(c.t.http.post(`/meetings/${(await meeting(c)).id}/agenda-items`))
        .send({ title: 'T', durationMinutes: 5 }),
  },
  {
    route: 'PATCH /agenda-items/:id (proposed item)',
    expected: [401, 404, 403, 403, 404, 200, 403, 403],
    call: async (c) =>
      c.as(c.t.http.patch(`/agenda-items/${(await proposedItem(c)).itemId}`)).send({ status: 'accepted' }),
  },
  {
    route: 'PUT /meetings/:id/agenda-order',
    expected: ANCHOR_ONLY_200,
    call: async (c) => {
      const { meetingId, itemId } = await proposedItem(c);
      return c.as(c.t.http.put(`/meetings/${meetingId}/agenda-order`)).send({ itemIds: [itemId] });
    },
  },
  {
    route: 'PUT /meetings/:id/rsvp',
    expected: ACTIVE_MEMBERS_200,
    call: async (c) =>
      c.as(c.t.http.put(`/meetings/${(await meeting(c)).id}/rsvp`)).send({ status: 'going' }),
  },
  {
    route: 'POST /meetings/:id/join (live)',
    expected: ACTIVE_MEMBERS_200,
    call: async (c) => c.as(c.t.http.post(`/meetings/${(await meeting(c, MeetingStatus.Live)).id}/join`)),
  },
  {
    route: 'GET /meetings/:id/minutes (published)',
    expected: ALL_OK,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await minutes(c, true)).meetingId}/minutes`)),
  },
  {
    route: 'GET /meetings/:id/minutes (draft)',
    expected: DRAFT_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await minutes(c, false)).meetingId}/minutes`)),
  },
  {
    route: 'PUT /meetings/:id/minutes',
    expected: ANCHOR_ONLY_200,
    call: async (c) =>
      c
        .as(c.t.http.put(`/meetings/${(await meeting(c, MeetingStatus.Concluded)).id}/minutes`))
        .send(minutesBody(c)),
  },
  {
    route: 'POST /meetings/:id/minutes/publish',
    expected: ANCHOR_ONLY_200,
    call: async (c) =>
      c.as(c.t.http.post(`/meetings/${(await minutes(c, false)).meetingId}/minutes/publish`)),
  },
  {
    route: 'PATCH /action-items/:id (assignee: member)',
    expected: [401, 403, 403, 200, 403, 200, 403, 403],
    call: async (c) =>
      c.as(c.t.http.patch(`/action-items/${(await minutes(c, true)).actionItemId}`)).send({ status: 'done' }),
  },
  {
    route: 'GET /meetings/:id/ics',
    expected: ALL_OK,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}/ics`)),
  },
  {
    route: 'GET /working-groups/:slug/calendar.ics',
    expected: ALL_OK,
    call: (c) => c.as(c.t.http.get(`/working-groups/${c.cast.group.slug}/calendar.ics`)),
  },
  { route: 'GET /me/meetings', expected: SIGNED_IN_200, call: (c) => c.as(c.t.http.get('/me/meetings')) },
  {
    route: 'GET /me/action-items',
    expected: SIGNED_IN_200,
    call: (c) => c.as(c.t.http.get('/me/action-items')),
  },
  {
    route: 'POST /me/calendar-token',
    expected: [401, 201, 201, 201, 201, 201, 201, 201],
    call: (c) => c.as(c.t.http.post('/me/calendar-token')),
  },
];

const MEMBERS_ONLY_ROWS: Row[] = [
  {
    route: 'GET /working-groups/:slug/meetings',
    expected: MEMBERS_GROUP_READ,
    call: (c) => c.as(c.t.http.get(`/working-groups/${c.cast.group.slug}/meetings`)),
  },
  {
    route: 'POST /working-groups/:slug/meetings',
    expected: [401, 404, 403, 403, 404, 201, 403, 403],
    call: (c) => c.as(c.t.http.post(`/working-groups/${c.cast.group.slug}/meetings`)).send(meetingBody()),
  },
  {
    route: 'GET /meetings/:id',
    expected: MEMBERS_GROUP_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}`)),
  },
  {
    route: 'PATCH /meetings/:id',
    expected: [401, 404, 403, 403, 404, 200, 403, 403],
    call: async (c) =>
      c.as(c.t.http.patch(`/meetings/${(await meeting(c)).id}`)).send({ title: 'New title' }),
  },
  {
    route: 'GET /meetings/:id/agenda-items',
    expected: MEMBERS_GROUP_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}/agenda-items`)),
  },
  {
    route: 'PUT /meetings/:id/rsvp',
    expected: [401, 404, 200, 200, 404, 200, 403, 403],
    call: async (c) =>
      c.as(c.t.http.put(`/meetings/${(await meeting(c)).id}/rsvp`)).send({ status: 'going' }),
  },
  {
    route: 'POST /meetings/:id/join (live)',
    expected: [401, 404, 200, 200, 404, 200, 403, 403],
    call: async (c) => c.as(c.t.http.post(`/meetings/${(await meeting(c, MeetingStatus.Live)).id}/join`)),
  },
  {
    route: 'GET /meetings/:id/minutes (published)',
    expected: MEMBERS_GROUP_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await minutes(c, true)).meetingId}/minutes`)),
  },
  {
    route: 'PUT /meetings/:id/minutes',
    expected: [401, 404, 403, 403, 404, 200, 403, 403],
    call: async (c) =>
      c
        .as(c.t.http.put(`/meetings/${(await meeting(c, MeetingStatus.Concluded)).id}/minutes`))
        .send(minutesBody(c)),
  },
  {
    route: 'GET /meetings/:id/ics',
    expected: MEMBERS_GROUP_READ,
    call: async (c) => c.as(c.t.http.get(`/meetings/${(await meeting(c)).id}/ics`)),
  },
  {
    route: 'GET /working-groups/:slug/calendar.ics (bearer, no token)',
    expected: MEMBERS_GROUP_READ,
    call: (c) => c.as(c.t.http.get(`/working-groups/${c.cast.group.slug}/calendar.ics`)),
  },
];

function userFor(cast: GroupCast, role: Role): TestUser | null {
  switch (role) {
    case 'anonymous':
      return null;
    case 'anchor':
      return cast.civilSocietyAnchor;
    default:
      return cast[role];
  }
}

describe('meetings authorization matrix', () => {
  let t: TestApp;
  const casts: Partial<Record<'public' | 'members', GroupCast>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    casts.public = await createGroupCast(t);
    casts.members = await createGroupCast(t, { visibility: GroupVisibility.Members });
  });
  afterAll(() => t.close());

  const cells = (rows: Row[]) =>
    rows.flatMap((row) => ROLES.map((role, i) => [row.route, role, row.expected[i], row] as const));

  describe.each([
    ['public group', 'public' as const, PUBLIC_ROWS],
    ['members-only group', 'members' as const, MEMBERS_ONLY_ROWS],
  ])('%s', (_label, which, rows) => {
    it.each(cells(rows))('%s as %s → %i', async (_route, role, expected, row) => {
      const cast = casts[which]!;
      const user = userFor(cast, role);
      const ctx: Ctx = { t, cast, as: (req) => (user ? req.set(user.auth) : req) };
      const res = await row.call(ctx);
      if (res.status !== expected) {
        throw new Error(
          `${row.route} as ${role}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
