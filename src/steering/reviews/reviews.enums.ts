export enum ReviewStatus {
  Open = 'open',
  Decided = 'decided',
}

/** The Steering Committee's decision on a reviewed group (docs/steering.md, "Reviews"). */
export enum ReviewDecision {
  Continue = 'continue',
  ReviseScope = 'revise_scope',
  Merge = 'merge',
  Sunset = 'sunset',
}
