import { PlatformRole, STEWARD_ROLES } from '../../common/auth/platform-role.enums';
import { GroupStatus } from '../groups.enums';

/** The group life cycle: proposed → active ⇄ under_review → sunset → archived (active may also sunset directly). */
export const GROUP_TRANSITIONS: Record<GroupStatus, GroupStatus[]> = {
  [GroupStatus.Proposed]: [GroupStatus.Active],
  [GroupStatus.Active]: [GroupStatus.UnderReview, GroupStatus.Sunset],
  [GroupStatus.UnderReview]: [GroupStatus.Active, GroupStatus.Sunset],
  [GroupStatus.Sunset]: [GroupStatus.Archived],
  [GroupStatus.Archived]: [],
};

export const allowedNextStatuses = (from: GroupStatus): GroupStatus[] => GROUP_TRANSITIONS[from];

export const isAllowedTransition = (from: GroupStatus, to: GroupStatus): boolean =>
  GROUP_TRANSITIONS[from].includes(to);

/** The Steering Committee (and admins) activate, review and sunset; archiving is an operator's act (admins). */
export const rolesForTarget = (to: GroupStatus): readonly PlatformRole[] =>
  to === GroupStatus.Archived ? [PlatformRole.Admin] : STEWARD_ROLES;

/** Statuses in which people may still join or be invited. */
export const OPEN_FOR_MEMBERSHIP: GroupStatus[] = [
  GroupStatus.Proposed,
  GroupStatus.Active,
  GroupStatus.UnderReview,
];
