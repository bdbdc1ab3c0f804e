/** Completion levels of the OGP Independent Reporting Mechanism (IRM), in their order. */
export enum CommitmentStatus {
  NotStarted = 'not_started',
  Limited = 'limited',
  Substantial = 'substantial',
  Completed = 'completed',
}

export enum AssistanceKind {
  PeerExchange = 'peer_exchange',
  TechnicalAssistance = 'technical_assistance',
}

/** See assistance-status-machine.ts for the steps between them. */
export enum AssistanceStatus {
  Open = 'open',
  Matched = 'matched',
  InProgress = 'in_progress',
  Closed = 'closed',
  Withdrawn = 'withdrawn',
}
