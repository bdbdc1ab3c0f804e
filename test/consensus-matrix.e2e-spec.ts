import { GroupVisibility } from '../src/groups/groups.enums';
import { User } from '../src/users/entities/user.entity';
import { describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { proposeArea, takePosition } from './factories/consensus';
import { createUser } from './factories/users';
import type { TestApp } from './support/test-app';

/**
 * Who may do what with priority areas and affiliations, for every standing. A members-only group's areas are
 * 404 for those who may not see them; members and anchors take positions, only anchors decide.
 */
let t: TestApp;

const members = { visibility: GroupVisibility.Members };
const all = (status: number) => ({
  anonymous: status,
  outsider: status,
  observer: status,
  member: status,
  otherAnchor: status,
  anchor: status,
  steward: status,
  admin: status,
});
const membersOnly = (status: number) => ({ ...all(status), anonymous: 404, outsider: 404, otherAnchor: 404 });
const hidden = { outsider: 404, otherAnchor: 404 };

/** An area proposed by the cell's other member. */
const area = async (cell: MatrixCell) => ({ id: (await proposeArea(t, cell.target, cell.group.slug)).id });

/** An area both anchors agreed to: adoptable. */
const agreed = async (cell: MatrixCell) => {
  const { id } = await area(cell);
  await takePosition(t, cell.people.governmentAnchor, id, 'agree');
  await takePosition(t, cell.people.civilSocietyAnchor, id, 'agree');
  return { id };
};

const adopted = async (cell: MatrixCell) => {
  const { id } = await agreed(cell);
  await t.http
    .post(`/priority-areas/${id}/adopt`)
    .set(cell.people.governmentAnchor.auth)
    .send({})
    .expect(200);
  return { id };
};

/** A fresh unverified colleague of the civil-society anchor (whose organisation the member and outsider share). */
const colleague = async (cell: MatrixCell) => {
  const anchor = await t.em().findOneOrFail(User, { id: cell.people.civilSocietyAnchor.id });
  const organizationId = anchor.organization!.id;
  const user = await createUser(t, { organizationId, affiliationVerified: false });
  return { id: organizationId, userId: user.id };
};

const rows: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/priority-areas', expect: all(200) },
  {
    route: 'GET /working-groups/:slug/priority-areas',
    group: members,
    note: 'members-only group',
    expect: membersOnly(200),
  },
  {
    route: 'POST /working-groups/:slug/priority-areas',
    body: () => ({ title: 'Matrix area', description: 'Why.' }),
    expect: { ...all(403), anonymous: 401, member: 201, anchor: 201 },
  },
  {
    route: 'POST /working-groups/:slug/priority-areas',
    group: members,
    note: 'members-only group',
    body: () => ({ title: 'Matrix area', description: 'Why.' }),
    expect: { ...all(403), ...hidden, anonymous: 401, member: 201, anchor: 201 },
  },
  { route: 'GET /priority-areas/:id', params: area, expect: all(200) },
  {
    route: 'GET /priority-areas/:id',
    group: members,
    note: 'members-only group',
    params: area,
    expect: membersOnly(200),
  },
  {
    route: 'PUT /priority-areas/:id/position',
    params: area,
    body: () => ({ position: 'agree' }),
    expect: { ...all(403), anonymous: 401, member: 200, anchor: 200 },
  },
  {
    route: 'PUT /priority-areas/:id/position',
    group: members,
    note: 'members-only group',
    params: area,
    body: () => ({ position: 'object', reason: 'No.' }),
    expect: { ...all(403), ...hidden, anonymous: 401, member: 200, anchor: 200 },
  },
  {
    route: 'POST /priority-areas/:id/adopt',
    params: agreed,
    body: () => ({ outcome: 'Adopted in the matrix.' }),
    expect: { ...all(403), anonymous: 401, anchor: 200 },
  },
  {
    route: 'POST /priority-areas/:id/adopt',
    group: members,
    note: 'members-only group',
    params: agreed,
    body: () => ({}),
    expect: { ...all(403), ...hidden, anonymous: 401, anchor: 200 },
  },
  {
    route: 'POST /priority-areas/:id/retire',
    params: adopted,
    expect: { ...all(403), anonymous: 401, anchor: 200 },
  },
  {
    route: 'POST /priority-areas/:id/retire',
    group: members,
    note: 'members-only group',
    params: adopted,
    expect: { ...all(403), ...hidden, anonymous: 401, anchor: 200 },
  },
  {
    // The cast's member and outsider are verified contacts of the civil-society anchor's organisation; the
    // observer, the other anchor and `anchor` (the government anchor) belong to a government.
    route: 'PUT /organizations/:id/members/:userId/verification',
    params: colleague,
    body: () => ({ verified: true }),
    expect: { ...all(403), anonymous: 401, outsider: 200, member: 200, admin: 200 },
  },
  {
    route: 'PATCH /users/:userId',
    note: 'affiliationVerified',
    params: async (cell) => ({ userId: (await colleague(cell)).userId }),
    body: () => ({ affiliationVerified: true }),
    expect: { ...all(403), anonymous: 401, admin: 200 },
  },
];

describeMatrix('Priority areas and affiliations: authorization matrix', rows, (app) => {
  t = app;
});
