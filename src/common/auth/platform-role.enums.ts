export enum PlatformRole {
  Member = 'member',
  SteeringCommittee = 'steering_committee',
  Admin = 'admin',
}

/** Platform oversight: the Steering Committee and admins see every group and may act on any. */
export const STEWARD_ROLES: readonly PlatformRole[] = [PlatformRole.SteeringCommittee, PlatformRole.Admin];
