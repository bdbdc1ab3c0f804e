/** A group proposal's life cycle (proposal-status-machine.ts). */
export enum ProposalStatus {
  Submitted = 'submitted',
  ChangesRequested = 'changes_requested',
  Approved = 'approved',
  Rejected = 'rejected',
}

/** What the Steering Committee decides (`POST /proposals/:id/decision`). */
export enum ProposalDecision {
  Approved = 'approved',
  Rejected = 'rejected',
  ChangesRequested = 'changes_requested',
}
