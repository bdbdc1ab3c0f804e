import { GroupProposal } from '../../src/steering/proposals/entities/group-proposal.entity';
import { ProposalStatus } from '../../src/steering/proposals/proposals.enums';
import { TestApp } from '../support/test-app';
import { TestUser } from './users';

/** A valid `POST /proposals` body for the given anchor organisations (and named anchors). */
export const proposalBody = (
  organizationIds: string[],
  fields: Record<string, unknown> = {},
): Record<string, unknown> => ({
  name: `Climate and Open Government ${Math.random().toString(36).slice(2, 8)}`,
  theme: 'climate',
  scope: 'Open climate finance data and participatory climate plans.',
  rationale: 'Several members asked for a place to work on climate transparency together.',
  proposedAnchorOrganizationIds: organizationIds,
  ...fields,
});

/** Submits a proposal through the API as `proposer`; returns its answer. */
export async function submitProposal(
  t: TestApp,
  proposer: TestUser,
  organizationIds: string[],
  fields: Record<string, unknown> = {},
): Promise<{ id: string; name: string; [key: string]: unknown }> {
  const res = await t.http.post('/proposals').set(proposer.auth).send(proposalBody(organizationIds, fields));
  if (res.status !== 201) throw new Error(`submitProposal: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string };
}

/** Puts a proposal in a status directly (tests of other rules should not depend on the decision route). */
export async function setProposalStatus(t: TestApp, id: string, status: ProposalStatus): Promise<void> {
  await t.em().nativeUpdate(GroupProposal, { id }, { status });
}
