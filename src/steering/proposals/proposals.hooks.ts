/** The hooks the proposals part of the steering context raises (common/events/hooks.ts, docs/architecture.md). */
import type { ProposalDecision } from './proposals.enums';

declare module '../../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * The Steering Committee decided a proposal (notifications tell its proposer). Raised in the decision's
     * transaction; `groupId`: the group an approval created (null for any other decision).
     */
    'proposal.decided': {
      proposalId: string;
      proposalName: string;
      proposerId: string;
      decision: ProposalDecision;
      groupId: string | null;
      actorId: string | null;
    };
  }
}

export {};
