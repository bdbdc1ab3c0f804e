import { GroupProposal } from './group-proposal.entity';
import { ProposalComment } from './proposal-comment.entity';
import { ProposalRevision } from './proposal-revision.entity';

export const PROPOSAL_ENTITIES = [GroupProposal, ProposalRevision, ProposalComment];
