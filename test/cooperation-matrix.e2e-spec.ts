import { AssistanceStatus } from '../src/cooperation/cooperation.enums';
import { GroupVisibility } from '../src/groups/groups.enums';
import { describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { insertAssistanceRequest, insertCommitment, organizationIdOf } from './factories/cooperation';
import type { TestApp } from './support/test-app';

/**
 * Who may do what with commitments and assistance requests, for every standing. Commitments follow the group's
 * visibility; assistance requests are for active members and stewards; a request the caller may not read is a 404.
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
const hidden = { outsider: 404, otherAnchor: 404 };
/** Members-only content: active members (any role) and stewards see it; everyone else gets 404. */
const membersOnly = (status: number) => ({ ...all(status), anonymous: 404, ...hidden });
/** Anchors and stewards record and update commitments. */
const managers = (status: number) => ({
  ...all(403),
  anonymous: 401,
  anchor: status,
  steward: status,
  admin: status,
});
/** Assistance requests: read by active members and stewards, hidden (404) from everyone else. */
const assistanceReaders = (status: number) => ({ ...all(status), anonymous: 401, ...hidden });

const commitment = async (cell: MatrixCell) => ({
  id: (await insertCommitment(t, cell.group.id, cell.people.governmentAnchor.id)).id,
});
const newCommitment = () => ({
  country: 'KE',
  cycle: '2023-2027',
  reference: 'KE0045',
  title: 'Open budgets',
});

/** The member's organisation (civil society) asks; the government anchors' organisation may offer. */
const orgs = async (cell: MatrixCell) => ({
  requesting: await organizationIdOf(t, cell.people.member),
  offering: await organizationIdOf(t, cell.people.governmentAnchor),
});
const requestIn =
  (status: AssistanceStatus, withOffering = false) =>
  async (cell: MatrixCell) => {
    const { requesting, offering } = await orgs(cell);
    const request = await insertAssistanceRequest(t, cell.group.id, cell.people.member.id, requesting, {
      status,
      ...(withOffering ? { offeringOrganizationId: offering } : {}),
    });
    return { id: request.id, requesting, offering };
  };

const rows: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/commitments', expect: all(200) },
  {
    route: 'GET /working-groups/:slug/commitments',
    group: members,
    note: 'members-only group',
    expect: membersOnly(200),
  },
  { route: 'POST /working-groups/:slug/commitments', body: newCommitment, expect: managers(201) },
  {
    route: 'POST /working-groups/:slug/commitments',
    group: members,
    note: 'members-only group',
    body: newCommitment,
    expect: { ...managers(201), ...hidden },
  },
  { route: 'GET /commitments/:id', params: commitment, expect: all(200) },
  {
    route: 'GET /commitments/:id',
    group: members,
    note: 'members-only group',
    params: commitment,
    expect: membersOnly(200),
  },
  {
    route: 'PATCH /commitments/:id',
    params: commitment,
    body: () => ({ status: 'substantial' }),
    expect: managers(200),
  },
  {
    route: 'PATCH /commitments/:id',
    group: members,
    note: 'members-only group',
    params: commitment,
    body: () => ({ status: 'substantial' }),
    expect: { ...managers(200), ...hidden },
  },
  {
    route: 'POST /commitments/:id/progress-notes',
    params: commitment,
    body: () => ({ note: 'Register published', date: '2026-03-01' }),
    expect: managers(201),
  },
  {
    route: 'POST /commitments/:id/progress-notes',
    group: members,
    note: 'members-only group',
    params: commitment,
    body: () => ({ note: 'Register published' }),
    expect: { ...managers(201), ...hidden },
  },
  {
    route: 'GET /working-groups/:slug/assistance-requests',
    expect: { ...all(200), anonymous: 401, outsider: 403, otherAnchor: 403 },
  },
  {
    route: 'GET /working-groups/:slug/assistance-requests',
    group: members,
    note: 'members-only group',
    expect: assistanceReaders(200),
  },
  {
    route: 'POST /working-groups/:slug/assistance-requests',
    note: "for the member's organisation",
    params: orgs,
    body: (_cell, p) => ({
      kind: 'peer_exchange',
      topic: 'Open contracting',
      description: 'Peer exchange on publishing contracts',
      requestingOrganizationId: p.requesting,
    }),
    // The outsider belongs to the same organisation but not to the group; the observer reads only.
    expect: { ...managers(201), member: 201 },
  },
  {
    route: 'POST /working-groups/:slug/assistance-requests',
    group: members,
    note: "members-only group, for the member's organisation",
    params: orgs,
    body: (_cell, p) => ({
      kind: 'technical_assistance',
      topic: 'Open contracting',
      description: 'Technical help',
      requestingOrganizationId: p.requesting,
    }),
    expect: { ...managers(201), member: 201, ...hidden },
  },
  {
    route: 'GET /assistance-requests/:id',
    params: requestIn(AssistanceStatus.Open),
    expect: assistanceReaders(200),
  },
  {
    route: 'GET /assistance-requests/:id',
    group: members,
    note: 'members-only group',
    params: requestIn(AssistanceStatus.Open),
    expect: assistanceReaders(200),
  },
  {
    route: 'PATCH /assistance-requests/:id',
    note: 'open → matched',
    params: requestIn(AssistanceStatus.Open),
    body: (_cell, p) => ({ status: 'matched', offeringOrganizationId: p.offering }),
    expect: { ...managers(200), ...hidden },
  },
  {
    route: 'PATCH /assistance-requests/:id',
    group: members,
    note: 'members-only group, open → matched',
    params: requestIn(AssistanceStatus.Open),
    body: (_cell, p) => ({ status: 'matched', offeringOrganizationId: p.offering }),
    expect: { ...managers(200), ...hidden },
  },
  {
    route: 'PATCH /assistance-requests/:id',
    note: 'matched → in_progress',
    params: requestIn(AssistanceStatus.Matched, true),
    body: () => ({ status: 'in_progress' }),
    // The member belongs to the requesting organisation; the observer to the offering one, but reads only.
    expect: { ...managers(200), member: 200, ...hidden },
  },
  {
    route: 'PATCH /assistance-requests/:id',
    note: 'in_progress → closed',
    params: requestIn(AssistanceStatus.InProgress, true),
    body: () => ({ status: 'closed', note: 'Exchange held' }),
    expect: { ...managers(200), member: 200, ...hidden },
  },
  {
    route: 'PATCH /assistance-requests/:id',
    note: 'open → withdrawn',
    params: requestIn(AssistanceStatus.Open),
    body: () => ({ status: 'withdrawn' }),
    expect: { ...managers(200), member: 200, ...hidden },
  },
];

describeMatrix('cooperation authorization matrix', rows, (app) => {
  t = app;
});
