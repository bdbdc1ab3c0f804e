import { PlatformRole } from '../common/auth/platform-role.enums';
import { Membership } from './membership/entities/membership.entity';
import { GroupRole, MembershipStatus, GroupVisibility } from './groups.enums';
import { ForbiddenError } from '../common/errors/domain-error';
import { WorkingGroup } from './working-groups/entities/working-group.entity';
import {
  canSeeGroup,
  GroupAccess,
  groupRoleRequired,
  managesGroup,
  mayReadEmails,
  meetsGroupRole,
  requireGroupRole,
} from './group-access';

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
    user: { id: 'u', role: overrides.user?.role ?? PlatformRole.Member, sessionId: 's' },
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

  it('ranks every pair of roles once: observer < member < anchor, and no role meets nothing', () => {
    const order = [GroupRole.Observer, GroupRole.Member, GroupRole.Anchor];
    for (const [i, held] of order.entries()) {
      for (const [j, needed] of order.entries()) expect(meetsGroupRole(held, needed)).toBe(i >= j);
    }
    for (const needed of order) expect(meetsGroupRole(null, needed)).toBe(false);
  });

  it('builds one role_required error, naming stewards only where they could have acted', () => {
    const plain = groupRoleRequired(GroupRole.Member, 'post', { group: 'open-data' });
    expect(plain.extras).toEqual({
      code: 'group.role_required',
      params: { role: GroupRole.Member, action: 'post', group: 'open-data' },
    });
    expect(plain.detail).toBe('You must be an active member of this group to post.');
    expect(groupRoleRequired(GroupRole.Anchor, 'approve', { stewardsMayAct: true }).detail).toBe(
      'Only an anchor of this group or a steward may approve.',
    );
  });

  it('lets anchors and stewards manage (and see drafts), not members', () => {
    expect(managesGroup(access({ status: MembershipStatus.Active, role: GroupRole.Anchor }))).toBe(true);
    expect(managesGroup(access({ isSteward: true }))).toBe(true);
    expect(managesGroup(access({ status: MembershipStatus.Active, role: GroupRole.Member }))).toBe(false);
    expect(managesGroup(access({ status: MembershipStatus.Invited, role: GroupRole.Anchor }))).toBe(false);
  });

  it('shows emails to active anchors and admins only (not to Steering Committee members)', () => {
    const admin = { id: 'a', role: PlatformRole.Admin, sessionId: 's' };
    const committee = { id: 'c', role: PlatformRole.SteeringCommittee, sessionId: 's' };
    expect(mayReadEmails(access({ status: MembershipStatus.Active, role: GroupRole.Anchor }))).toBe(true);
    expect(mayReadEmails(access({ user: admin, isSteward: true }))).toBe(true);
    expect(mayReadEmails(access({ user: committee, isSteward: true }))).toBe(false);
    expect(mayReadEmails(access({ status: MembershipStatus.Active, role: GroupRole.Member }))).toBe(false);
    expect(mayReadEmails(access({ status: MembershipStatus.Left, role: GroupRole.Anchor }))).toBe(false);
  });
});
