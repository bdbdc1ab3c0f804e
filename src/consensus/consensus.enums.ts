/** Dependency-free enums of the consensus context (importable from any layer). */

export enum PriorityAreaStatus {
  Proposed = 'proposed',
  Adopted = 'adopted',
  Retired = 'retired',
}

export enum PositionValue {
  Agree = 'agree',
  Abstain = 'abstain',
  Object = 'object',
}

/**
 * The stakeholder group a position speaks for: the author's organisation kind at the time of the position
 * (government → government, civil_society → civil_society; multilateral, other or none → other).
 */
export enum Constituency {
  Government = 'government',
  CivilSociety = 'civil_society',
  Other = 'other',
}

export const CONSTITUENCIES: Constituency[] = [
  Constituency.Government,
  Constituency.CivilSociety,
  Constituency.Other,
];

/** Adopted and retired areas are decided: read-only. */
export const DECIDED_STATUSES: PriorityAreaStatus[] = [
  PriorityAreaStatus.Adopted,
  PriorityAreaStatus.Retired,
];
