import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../../common/auth/auth-user';
import { NotFoundError } from '../../common/errors/domain-error';
import { isSteeringCommittee } from '../steering-access';
import { GroupProposal } from './entities/group-proposal.entity';

export const NOT_FOUND_PROPOSAL = 'Proposal';

export interface ProposalAccess {
  proposal: GroupProposal;
  isCommittee: boolean;
  isProposer: boolean;
}

/**
 * Who sees a proposal: its proposer, the Steering Committee and admins; for everyone else it does not exist (404).
 * People of the proposed anchor organisations do not see it (affiliations are self-declared until verified;
 * docs/steering.md). `lock` takes the proposal row FOR UPDATE (decide, revise; docs/architecture.md, "Lock order").
 */
export async function loadProposalAccess(
  em: EntityManager,
  id: string,
  user: AuthUser,
  options: { lock?: boolean } = {},
): Promise<ProposalAccess> {
  // Lock the row alone (no joins), refreshing what this transaction may have cached, then load relations.
  const proposal = await em.findOne(
    GroupProposal,
    { id },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  const isCommittee = isSteeringCommittee(user);
  const isProposer = proposal !== null && proposal.proposer.id === user.id;
  if (!proposal || !(isCommittee || isProposer)) throw new NotFoundError(NOT_FOUND_PROPOSAL);
  return { proposal, isCommittee, isProposer };
}
