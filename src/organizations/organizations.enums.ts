export enum OrganizationKind {
  Government = 'government',
  CivilSociety = 'civil_society',
  Multilateral = 'multilateral',
  Other = 'other',
}

export enum GovernmentLevel {
  National = 'national',
  Local = 'local',
}
