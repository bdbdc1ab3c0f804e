import { ProposalDecision, ProposalStatus } from './proposals.enums';

/**
 * submitted → approved | rejected | changes_requested; changes_requested → submitted (the proposer revises) or
 * rejected (the committee closes it without waiting); approved and rejected are final (docs/steering.md).
 */
export const PROPOSAL_TRANSITIONS: Record<ProposalStatus, ProposalStatus[]> = {
  [ProposalStatus.Submitted]: [
    ProposalStatus.Approved,
    ProposalStatus.Rejected,
    ProposalStatus.ChangesRequested,
  ],
  [ProposalStatus.ChangesRequested]: [ProposalStatus.Submitted, ProposalStatus.Rejected],
  [ProposalStatus.Approved]: [],
  [ProposalStatus.Rejected]: [],
};

export const isFinalProposalStatus = (status: ProposalStatus): boolean =>
  PROPOSAL_TRANSITIONS[status].length === 0;

export const isAllowedProposalTransition = (from: ProposalStatus, to: ProposalStatus): boolean =>
  PROPOSAL_TRANSITIONS[from].includes(to);

/** The status a decision moves a proposal to (the values coincide, by design). */
export const statusAfterDecision = (decision: ProposalDecision): ProposalStatus =>
  ({
    [ProposalDecision.Approved]: ProposalStatus.Approved,
    [ProposalDecision.Rejected]: ProposalStatus.Rejected,
    [ProposalDecision.ChangesRequested]: ProposalStatus.ChangesRequested,
  })[decision];

/** The decisions still open to the committee in this status. */
export const allowedDecisions = (from: ProposalStatus): ProposalDecision[] =>
  Object.values(ProposalDecision).filter((d) => isAllowedProposalTransition(from, statusAfterDecision(d)));

/** Only a proposal waiting for changes can be revised. */
export const isRevisable = (status: ProposalStatus): boolean =>
  isAllowedProposalTransition(status, ProposalStatus.Submitted);
