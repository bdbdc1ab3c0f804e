import { User } from '../src/users/entities/user.entity';
import { ProposalStatus } from '../src/steering/proposals/proposals.enums';
import { describeMatrix, MatrixCell } from './factories/access-matrix';
import { proposalBody, setProposalStatus, submitProposal } from './factories/proposals';
import { TestApp } from './support/test-app';

/**
 * Proposals are not group-scoped: in every cell `member` (a civil-society person) proposes, with the organisations
 * of the cast's two anchors as the proposed anchors. Only the proposer, the Steering Committee and admins see a
 * proposal; everyone else gets 404. The committee and admins belong to no organisation, so they cannot propose.
 */
let t: TestApp;

async function anchorOrganizations(cell: MatrixCell): Promise<string[]> {
  const em = t.em();
  const ids = [cell.people.governmentAnchor.id, cell.people.civilSocietyAnchor.id];
  const users = await em.find(User, { id: { $in: ids } });
  return ids.map((id) => users.find((u) => u.id === id)!.organization!.id);
}

async function proposalOf(cell: MatrixCell, status?: ProposalStatus): Promise<Record<string, string>> {
  const { id } = await submitProposal(t, cell.people.member, await anchorOrganizations(cell));
  if (status) await setProposalStatus(t, id, status);
  return { id };
}

const SEEN_BY_PROPOSER_AND_COMMITTEE = {
  anonymous: 401,
  outsider: 404,
  observer: 404,
  member: 200,
  otherAnchor: 404,
  anchor: 404,
  steward: 200,
  admin: 200,
};

describeMatrix(
  'group proposals: authorization matrix',
  [
    {
      route: 'GET /proposals',
      expect: {
        ...SEEN_BY_PROPOSER_AND_COMMITTEE,
        outsider: 200,
        observer: 200,
        otherAnchor: 200,
        anchor: 200,
      },
    },
    {
      route: 'POST /proposals',
      params: async (cell) => ({ orgs: (await anchorOrganizations(cell)).join(',') }),
      body: (_cell, params) => proposalBody(params.orgs.split(',')),
      expect: {
        anonymous: 401,
        outsider: 201,
        observer: 201,
        member: 201,
        otherAnchor: 201,
        anchor: 201,
        steward: 403,
        admin: 403,
      },
      note: 'anyone of an organisation',
    },
    {
      route: 'GET /proposals/:id',
      params: (cell) => proposalOf(cell),
      expect: SEEN_BY_PROPOSER_AND_COMMITTEE,
    },
    {
      route: 'PATCH /proposals/:id',
      params: (cell) => proposalOf(cell, ProposalStatus.ChangesRequested),
      body: () => ({ scope: 'A narrower scope.' }),
      expect: { ...SEEN_BY_PROPOSER_AND_COMMITTEE, steward: 403, admin: 403 },
      note: 'changes requested; the proposer only',
    },
    {
      route: 'GET /proposals/:id/comments',
      params: (cell) => proposalOf(cell),
      expect: SEEN_BY_PROPOSER_AND_COMMITTEE,
    },
    {
      route: 'POST /proposals/:id/comments',
      params: (cell) => proposalOf(cell),
      body: () => ({ body: 'A question about the scope.' }),
      expect: { ...SEEN_BY_PROPOSER_AND_COMMITTEE, member: 201, steward: 201, admin: 201 },
    },
    {
      route: 'POST /proposals/:id/decision',
      params: (cell) => proposalOf(cell),
      body: () => ({ decision: 'rejected', rationale: 'Covered by an existing group.' }),
      expect: { ...SEEN_BY_PROPOSER_AND_COMMITTEE, member: 403 },
      note: 'committee and admins only',
    },
    {
      route: 'POST /proposals/:id/decision',
      params: (cell) => proposalOf(cell),
      body: () => ({ decision: 'approved', rationale: 'A clear gap.' }),
      expect: { ...SEEN_BY_PROPOSER_AND_COMMITTEE, member: 403 },
      note: 'approval creates the group',
    },
  ],
  (app) => {
    t = app;
  },
);
