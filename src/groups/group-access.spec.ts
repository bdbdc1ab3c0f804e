import { PlatformRole } from '../common/auth/platform-role.enums';
import { Membership } from './membership/entities/membership.entity';
import { GroupRole, MembershipStatus, GroupVisibility } from './groups.enums';
import { ForbiddenError } from '../common/errors/domain-error';
import { WorkingGroup } from './working-groups/entities/working-group.entity';
import { canSeeGroup, GroupAccess, requireGroupRole } from './group-access';

function access(
  overrides: Partial<GroupAccess> & { visibility?: GroupVisibility; status?: MembershipStatus } = {},
): GroupAccess {
  const group = Object.assign(new WorkingGroup(), {
    slug: 'open-data',
    visibility: overrides.visibility ?? GroupVisibility.Members,
  });
  const membership = overrides.status
    ? Object.assign(new Membership(), { status: overrides.status, role: overrides.role ?? GroupRole.Member })
    : null;
  return {
    group,
    user: { id: 'u', role: PlatformRole.Member, sessionId: 's' },
    membership,
    role: overrides.status === MembershipStatus.Active ? (overrides.role ?? GroupRole.Member) : null,
    isSteward: overrides.isSteward ?? false,
  };
}

describe('group access', () => {
  it('hides a members-only group from outsiders, former members and requesters', () => {
    expect(canSeeGroup(access())).toBe(false);
    expect(canSeeGroup(access({ status: MembershipStatus.Left }))).toBe(false);
    expect(canSeeGroup(access({ status: MembershipStatus.Requested }))).toBe(false);
  });

  it('shows a members-only group to members, invitees and stewards, and a public one to all', () => {
    expect(canSeeGroup(access({ status: MembershipStatus.Active }))).toBe(true);
    expect(canSeeGroup(access({ status: MembershipStatus.Invited }))).toBe(true);
    expect(canSeeGroup(access({ isSteward: true }))).toBe(true);
    expect(canSeeGroup(access({ visibility: GroupVisibility.Public }))).toBe(true);
  });

  it('ranks roles: an anchor meets a member rule, an observer does not', () => {
    expect(() =>
      requireGroupRole(
        access({ status: MembershipStatus.Active, role: GroupRole.Anchor }),
        GroupRole.Member,
        'post',
      ),
    ).not.toThrow();
    expect(() =>
      requireGroupRole(
        access({ status: MembershipStatus.Active, role: GroupRole.Observer }),
        GroupRole.Member,
        'post',
      ),
    ).toThrow(ForbiddenError);
    expect(() =>
      requireGroupRole(
        access({ status: MembershipStatus.Active, role: GroupRole.Member }),
        GroupRole.Anchor,
        'schedule',
      ),
    ).toThrow(/an anchor/);
  });

  it('lets stewards act only where the rule allows it', () => {
    expect(() => requireGroupRole(access({ isSteward: true }), GroupRole.Anchor, 'x')).toThrow(
      ForbiddenError,
    );
    expect(() =>
      requireGroupRole(access({ isSteward: true }), GroupRole.Anchor, 'x', { stewardsMayAct: true }),
    ).not.toThrow();
  });
});
