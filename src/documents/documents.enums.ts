export enum DocumentKind {
  Guidance = 'guidance',
  PolicyBrief = 'policy_brief',
  Minutes = 'minutes',
  Presentation = 'presentation',
  Report = 'report',
  Other = 'other',
}

/** `public`: readable by anyone who may see the group's public content; `members`: active members and stewards. */
export enum DocumentVisibility {
  Public = 'public',
  Members = 'members',
}
