export enum PlatformRole {
  Member = 'member',
  SteeringCommittee = 'steering_committee',
  Admin = 'admin',
}
