import { GroupStatus, GroupVisibility } from '../src/groups/groups.enums';
import { Actor, ACTORS, describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { insertReview } from './factories/steering';
import type { TestApp } from './support/test-app';

/** Authorization matrix of the steering routes (reviews, overview) × every standing, public and members-only. */
let t: TestApp;

/** Statuses in column order: anonymous, outsider, observer, member, otherAnchor, anchor, steward, admin. */
type Statuses = [number, number, number, number, number, number, number, number];
const columns = (statuses: Statuses): Record<Actor, number> =>
  Object.fromEntries(ACTORS.map((actor, i) => [actor, statuses[i]])) as Record<Actor, number>;

const MEMBERS_ONLY = { group: { visibility: GroupVisibility.Members }, note: 'members-only group' };
const review = async (c: MatrixCell) => ({ id: (await insertReview(t, c.group, c.people.steward)).id });
const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-04-01' };

const rows: MatrixRow[] = [
  {
    route: 'GET /working-groups/:slug/reviews',
    expect: columns([401, 403, 200, 200, 403, 200, 200, 200]),
  },
  {
    route: 'GET /working-groups/:slug/reviews',
    ...MEMBERS_ONLY,
    expect: columns([401, 404, 200, 200, 404, 200, 200, 200]),
  },
  {
    route: 'POST /working-groups/:slug/reviews',
    body: () => PERIOD,
    expect: columns([401, 403, 403, 403, 403, 403, 201, 201]),
  },
  {
    route: 'POST /working-groups/:slug/reviews',
    ...MEMBERS_ONLY,
    body: () => PERIOD,
    expect: columns([401, 404, 403, 403, 404, 403, 201, 201]),
  },
  { route: 'GET /reviews/:id', params: review, expect: columns([401, 404, 200, 200, 404, 200, 200, 200]) },
  {
    route: 'GET /reviews/:id',
    ...MEMBERS_ONLY,
    params: review,
    expect: columns([401, 404, 200, 200, 404, 200, 200, 200]),
  },
  {
    route: 'PUT /reviews/:id/self-assessment',
    params: review,
    body: () => ({ text: 'We met every month.' }),
    expect: columns([401, 404, 403, 403, 404, 200, 403, 403]),
  },
  {
    route: 'PUT /reviews/:id/self-assessment',
    ...MEMBERS_ONLY,
    params: review,
    body: () => ({ text: 'We met every month.' }),
    expect: columns([401, 404, 403, 403, 404, 200, 403, 403]),
  },
  {
    route: 'POST /reviews/:id/decision',
    group: { status: GroupStatus.UnderReview },
    params: review,
    body: () => ({ decision: 'continue', rationale: 'On track.' }),
    expect: columns([401, 404, 403, 403, 404, 403, 200, 200]),
  },
  {
    route: 'POST /reviews/:id/decision',
    group: { status: GroupStatus.UnderReview, visibility: GroupVisibility.Members },
    note: 'members-only group',
    params: review,
    body: () => ({ decision: 'sunset', rationale: 'Done.' }),
    expect: columns([401, 404, 403, 403, 404, 403, 200, 200]),
  },
  { route: 'GET /steering/overview', expect: columns([401, 403, 403, 403, 403, 403, 200, 200]) },
];

describeMatrix('steering authorization matrix', rows, (app) => {
  t = app;
});
