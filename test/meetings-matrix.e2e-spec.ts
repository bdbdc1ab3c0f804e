import { GroupVisibility } from '../src/groups/groups.enums';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { Actor, ACTORS, describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { insertMeeting, meetingBody } from './factories/meetings';
import type { TestApp } from './support/test-app';

/**
 * Authorization matrix: every meetings route × every standing a caller can have, in public and members-only
 * groups. Each cell prepares its own fresh group and meeting (and agenda item, minutes, ...) so cells never
 * depend on one another.
 */
let t: TestApp;

/** Statuses in column order: anonymous, outsider, observer, member, otherAnchor, anchor, steward, admin. */
type Statuses = [number, number, number, number, number, number, number, number];
const columns = (statuses: Statuses): Record<Actor, number> =>
  Object.fromEntries(ACTORS.map((actor, i) => [actor, statuses[i]])) as Record<Actor, number>;

const ALL_OK = columns([200, 200, 200, 200, 200, 200, 200, 200]);
const ANCHOR_ONLY_200 = columns([401, 403, 403, 403, 403, 200, 403, 403]);
const ACTIVE_MEMBERS_200 = columns([401, 403, 200, 200, 403, 200, 403, 403]);
const DRAFT_READ = columns([404, 404, 404, 404, 404, 200, 200, 200]);
const MEMBERS_GROUP_READ = columns([404, 404, 200, 200, 404, 200, 200, 200]);
const SIGNED_IN_200 = columns([401, 200, 200, 200, 200, 200, 200, 200]);
/** In a members-only group, outsiders and anchors of other groups do not see it at all. */
const MEMBERS_GROUP_ANCHOR_ONLY = columns([401, 404, 403, 403, 404, 200, 403, 403]);
const MEMBERS_GROUP_ACTIVE_MEMBERS = columns([401, 404, 200, 200, 404, 200, 403, 403]);

const MEMBERS_ONLY = { group: { visibility: GroupVisibility.Members }, note: 'members-only group' };

/**
 * Meetings are written by the civil-society anchor, so the `anchor` column (the government anchor) never acts
 * on a meeting of its own: any anchor of the group may.
 */
const author = (c: MatrixCell) => c.people.civilSocietyAnchor;

/** Per-cell setup: a meeting in `status`, named `:id`. */
const meeting =
  (status: MeetingStatus = MeetingStatus.Scheduled) =>
  async (c: MatrixCell) => ({ id: (await insertMeeting(t, c.group, author(c), { status })).id });

/** A scheduled meeting with one item the member proposed. */
async function proposedItem(c: MatrixCell): Promise<{ meetingId: string; itemId: string }> {
  const { id: meetingId } = await meeting()(c);
  const res = await t.http
    .post(`/meetings/${meetingId}/agenda-items`)
    .set(c.people.member.auth)
    .send({ title: 'Item', durationMinutes: 10 })
    .expect(201);
  return { meetingId, itemId: res.body.id as string };
}

/** A concluded meeting with minutes (draft or published) holding one action item assigned to the member. */
async function minutes(
  c: MatrixCell,
  publish: boolean,
): Promise<{ meetingId: string; actionItemId: string }> {
  const { id: meetingId } = await meeting(MeetingStatus.Concluded)(c);
  const res = await t.http
    .put(`/meetings/${meetingId}/minutes`)
    .set(author(c).auth)
    .send({
      body: 'Minutes',
      decisions: ['One'],
      actionItems: [{ title: 'Do it', assigneeId: c.people.member.id, dueDate: '2031-01-01' }],
    })
    .expect(200);
  if (publish) await t.http.post(`/meetings/${meetingId}/minutes/publish`).set(author(c).auth).expect(200);
  return { meetingId, actionItemId: res.body.actionItems[0].id as string };
}

const minutesOf =
  (publish: boolean) =>
  async (c: MatrixCell): Promise<{ id: string }> => ({ id: (await minutes(c, publish)).meetingId });

const minutesBody = (c: MatrixCell) => ({
  body: 'x',
  decisions: [],
  actionItems: [{ title: 'y', assigneeId: c.people.member.id, dueDate: '2031-01-01' }],
});

const PUBLIC_ROWS: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/meetings', expect: ALL_OK },
  {
    route: 'POST /working-groups/:slug/meetings',
    body: () => meetingBody(),
    expect: columns([401, 403, 403, 403, 403, 201, 403, 403]),
  },
  { route: 'GET /meetings/:id', note: 'scheduled', params: meeting(), expect: ALL_OK },
  { route: 'GET /meetings/:id', note: 'draft', params: meeting(MeetingStatus.Draft), expect: DRAFT_READ },
  {
    route: 'PATCH /meetings/:id',
    params: meeting(),
    body: () => ({ title: 'New title' }),
    expect: ANCHOR_ONLY_200,
  },
  {
    route: 'POST /meetings/:id/status',
    note: 'draft → scheduled',
    params: meeting(MeetingStatus.Draft),
    body: () => ({ status: 'scheduled' }),
    expect: columns([401, 404, 404, 404, 404, 200, 403, 403]),
  },
  {
    route: 'POST /meetings/:id/status',
    note: 'scheduled → live',
    params: meeting(),
    body: () => ({ status: 'live' }),
    expect: ANCHOR_ONLY_200,
  },
  { route: 'GET /meetings/:id/agenda-items', params: meeting(), expect: ALL_OK },
  {
    route: 'POST /meetings/:id/agenda-items',
    params: meeting(),
    body: () => ({ title: 'T', durationMinutes: 5 }),
    expect: columns([401, 403, 403, 201, 403, 201, 403, 403]),
  },
  {
    route: 'PATCH /agenda-items/:id',
    note: 'proposed item',
    params: async (c) => ({ id: (await proposedItem(c)).itemId }),
    body: () => ({ status: 'accepted' }),
    expect: columns([401, 404, 403, 403, 404, 200, 403, 403]),
  },
  {
    route: 'PUT /meetings/:id/agenda-order',
    params: async (c) => {
      const { meetingId, itemId } = await proposedItem(c);
      return { id: meetingId, itemId };
    },
    body: (_c, p) => ({ itemIds: [p.itemId] }),
    expect: ANCHOR_ONLY_200,
  },
  {
    route: 'PUT /meetings/:id/rsvp',
    params: meeting(),
    body: () => ({ status: 'going' }),
    expect: ACTIVE_MEMBERS_200,
  },
  {
    route: 'POST /meetings/:id/join',
    note: 'live',
    params: meeting(MeetingStatus.Live),
    expect: ACTIVE_MEMBERS_200,
  },
  { route: 'GET /meetings/:id/minutes', note: 'published', params: minutesOf(true), expect: ALL_OK },
  { route: 'GET /meetings/:id/minutes', note: 'draft', params: minutesOf(false), expect: DRAFT_READ },
  {
    route: 'PUT /meetings/:id/minutes',
    params: meeting(MeetingStatus.Concluded),
    body: minutesBody,
    expect: ANCHOR_ONLY_200,
  },
  { route: 'POST /meetings/:id/minutes/publish', params: minutesOf(false), expect: ANCHOR_ONLY_200 },
  {
    route: 'PATCH /action-items/:id',
    note: 'assignee: member',
    params: async (c) => ({ id: (await minutes(c, true)).actionItemId }),
    body: () => ({ status: 'done' }),
    expect: columns([401, 403, 403, 200, 403, 200, 403, 403]),
  },
  { route: 'GET /meetings/:id/ics', params: meeting(), expect: ALL_OK },
  { route: 'GET /working-groups/:slug/calendar.ics', expect: ALL_OK },
  { route: 'GET /me/meetings', expect: SIGNED_IN_200 },
  { route: 'GET /me/action-items', expect: SIGNED_IN_200 },
  { route: 'POST /me/calendar-token', expect: columns([401, 201, 201, 201, 201, 201, 201, 201]) },
];

const MEMBERS_ONLY_ROWS: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/meetings', ...MEMBERS_ONLY, expect: MEMBERS_GROUP_READ },
  {
    route: 'POST /working-groups/:slug/meetings',
    ...MEMBERS_ONLY,
    body: () => meetingBody(),
    expect: columns([401, 404, 403, 403, 404, 201, 403, 403]),
  },
  { route: 'GET /meetings/:id', ...MEMBERS_ONLY, params: meeting(), expect: MEMBERS_GROUP_READ },
  {
    route: 'PATCH /meetings/:id',
    ...MEMBERS_ONLY,
    params: meeting(),
    body: () => ({ title: 'New title' }),
    expect: MEMBERS_GROUP_ANCHOR_ONLY,
  },
  {
    route: 'GET /meetings/:id/agenda-items',
    ...MEMBERS_ONLY,
    params: meeting(),
    expect: MEMBERS_GROUP_READ,
  },
  {
    route: 'PUT /meetings/:id/rsvp',
    ...MEMBERS_ONLY,
    params: meeting(),
    body: () => ({ status: 'going' }),
    expect: MEMBERS_GROUP_ACTIVE_MEMBERS,
  },
  {
    route: 'POST /meetings/:id/join',
    ...MEMBERS_ONLY,
    note: 'live, members-only group',
    params: meeting(MeetingStatus.Live),
    expect: MEMBERS_GROUP_ACTIVE_MEMBERS,
  },
  {
    route: 'GET /meetings/:id/minutes',
    ...MEMBERS_ONLY,
    note: 'published, members-only group',
    params: minutesOf(true),
    expect: MEMBERS_GROUP_READ,
  },
  {
    route: 'PUT /meetings/:id/minutes',
    ...MEMBERS_ONLY,
    params: meeting(MeetingStatus.Concluded),
    body: minutesBody,
    expect: MEMBERS_GROUP_ANCHOR_ONLY,
  },
  { route: 'GET /meetings/:id/ics', ...MEMBERS_ONLY, params: meeting(), expect: MEMBERS_GROUP_READ },
  {
    route: 'GET /working-groups/:slug/calendar.ics',
    ...MEMBERS_ONLY,
    note: 'bearer, no token, members-only group',
    expect: MEMBERS_GROUP_READ,
  },
];

describeMatrix('meetings authorization matrix', [...PUBLIC_ROWS, ...MEMBERS_ONLY_ROWS], (app) => {
  t = app;
});
