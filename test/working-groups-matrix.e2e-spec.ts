import { GroupStatus, GroupVisibility } from '../src/groups/groups.enums';
import { describeMatrix, MatrixRow } from './factories/access-matrix';

/**
 * Who may do what, for every route of working groups and membership. Later capabilities add rows here (or
 * reuse `runMatrixRow` in their own file). Columns: anonymous, outsider, observer, member, anchor of another
 * group, anchor, steward (Steering Committee), admin. Each cell runs against a fresh group.
 */
const ALL = (status: number) => ({
  anonymous: status,
  outsider: status,
  observer: status,
  member: status,
  otherAnchor: status,
  anchor: status,
  steward: status,
  admin: status,
});
/** Anchors and stewards may; other signed-in people see the group but may not (403). */
const ANCHORS_AND_STEWARDS = (ok: number) => ({
  anonymous: 401,
  outsider: 403,
  observer: 403,
  member: 403,
  otherAnchor: 403,
  anchor: ok,
  steward: ok,
  admin: ok,
});
const MEMBERS_ONLY = { visibility: GroupVisibility.Members };

const ROWS: MatrixRow[] = [
  { route: 'GET /working-groups', expect: ALL(200) },
  {
    route: 'POST /working-groups',
    body: () => ({
      name: 'Matrix Group',
      theme: 'open_data',
      description: 'x',
      visibility: 'public',
      joinPolicy: 'open',
    }),
    expect: { ...ANCHORS_AND_STEWARDS(201), anchor: 403 },
  },
  { route: 'GET /working-groups/:slug', expect: ALL(200) },
  {
    route: 'GET /working-groups/:slug',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    expect: { ...ALL(200), anonymous: 404, outsider: 404, otherAnchor: 404 },
  },
  {
    route: 'PATCH /working-groups/:slug',
    body: () => ({ description: 'Edited' }),
    expect: ANCHORS_AND_STEWARDS(200),
  },
  {
    route: 'PATCH /working-groups/:slug',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    body: () => ({ description: 'Edited' }),
    expect: { ...ANCHORS_AND_STEWARDS(200), outsider: 404, otherAnchor: 404 },
  },
  {
    route: 'POST /working-groups/:slug/status',
    body: () => ({ status: 'under_review' }),
    expect: { ...ANCHORS_AND_STEWARDS(200), anchor: 403 },
  },
  {
    route: 'POST /working-groups/:slug/status',
    note: 'archive a sunset group',
    group: { status: GroupStatus.Sunset },
    body: () => ({ status: 'archived' }),
    expect: { ...ANCHORS_AND_STEWARDS(200), anchor: 403, steward: 403 },
  },
  { route: 'GET /working-groups/:slug/members', expect: ALL(200) },
  {
    route: 'GET /working-groups/:slug/members',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    expect: { ...ALL(200), anonymous: 404, outsider: 404, otherAnchor: 404 },
  },
  {
    route: 'POST /working-groups/:slug/members',
    note: 'join (empty body)',
    body: () => ({}),
    expect: {
      anonymous: 401,
      outsider: 201,
      observer: 200,
      member: 200,
      otherAnchor: 201,
      anchor: 200,
      steward: 201,
      admin: 201,
    },
  },
  {
    route: 'POST /working-groups/:slug/members',
    note: 'join a members-only group',
    group: MEMBERS_ONLY,
    body: () => ({}),
    expect: {
      anonymous: 401,
      outsider: 404,
      observer: 200,
      member: 200,
      otherAnchor: 404,
      anchor: 200,
      steward: 201,
      admin: 201,
    },
  },
  {
    route: 'POST /working-groups/:slug/members',
    note: 'invite or add someone',
    body: (c) => ({ userId: c.invitee.id }),
    expect: ANCHORS_AND_STEWARDS(201),
  },
  {
    route: 'PATCH /working-groups/:slug/members/:userId',
    note: 'approve a request',
    params: (c) => ({ userId: c.requester.id }),
    body: () => ({ status: 'active' }),
    expect: ANCHORS_AND_STEWARDS(200),
  },
  {
    route: 'PATCH /working-groups/:slug/members/:userId',
    note: 'change a role',
    params: (c) => ({ userId: c.target.id }),
    body: () => ({ role: 'observer' }),
    expect: ANCHORS_AND_STEWARDS(200),
  },
  {
    route: 'PATCH /working-groups/:slug/members/:userId',
    note: 'change a role in a members-only group',
    group: MEMBERS_ONLY,
    params: (c) => ({ userId: c.target.id }),
    body: () => ({ role: 'observer' }),
    expect: { ...ANCHORS_AND_STEWARDS(200), outsider: 404, otherAnchor: 404 },
  },
  {
    route: 'DELETE /working-groups/:slug/members/:userId',
    note: 'remove someone else',
    params: (c) => ({ userId: c.target.id }),
    expect: ANCHORS_AND_STEWARDS(200),
  },
  {
    route: 'GET /working-groups/:slug/activity',
    expect: { ...ANCHORS_AND_STEWARDS(200), observer: 200, member: 200 },
  },
  {
    route: 'GET /working-groups/:slug/activity',
    note: 'members-only group',
    group: MEMBERS_ONLY,
    expect: { ...ANCHORS_AND_STEWARDS(200), observer: 200, member: 200, outsider: 404, otherAnchor: 404 },
  },
];

describeMatrix('working groups authorization matrix', ROWS);
