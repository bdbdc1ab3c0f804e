import { PlatformRole } from '../../common/auth/platform-role.enums';
import { GroupStatus } from '../groups.enums';
import { allowedNextStatuses, isAllowedTransition, rolesForTarget } from './status-machine';

describe('group status machine', () => {
  it.each([
    [GroupStatus.Proposed, GroupStatus.Active],
    [GroupStatus.Active, GroupStatus.UnderReview],
    [GroupStatus.UnderReview, GroupStatus.Active],
    [GroupStatus.UnderReview, GroupStatus.Sunset],
    [GroupStatus.Active, GroupStatus.Sunset],
    [GroupStatus.Sunset, GroupStatus.Archived],
  ])('allows %s → %s', (from, to) => expect(isAllowedTransition(from, to)).toBe(true));

  it.each([
    [GroupStatus.Proposed, GroupStatus.Archived],
    [GroupStatus.Proposed, GroupStatus.UnderReview],
    [GroupStatus.Active, GroupStatus.Active],
    [GroupStatus.Active, GroupStatus.Archived],
    [GroupStatus.Sunset, GroupStatus.Active],
    [GroupStatus.Archived, GroupStatus.Active],
  ])('refuses %s → %s', (from, to) => expect(isAllowedTransition(from, to)).toBe(false));

  it('archives are final and only admins archive', () => {
    expect(allowedNextStatuses(GroupStatus.Archived)).toEqual([]);
    expect(rolesForTarget(GroupStatus.Archived)).toEqual([PlatformRole.Admin]);
    expect(rolesForTarget(GroupStatus.Sunset)).toContain(PlatformRole.SteeringCommittee);
  });
});
