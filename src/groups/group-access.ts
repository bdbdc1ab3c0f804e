import { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { isSteward } from '../common/auth/access';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { PlatformRole } from '../common/auth/platform-role.enums';
import { Membership } from './membership/entities/membership.entity';
import { GROUP_ROLE_RANK, GroupRole, MembershipStatus, GroupVisibility } from './groups.enums';
import { WorkingGroup } from './working-groups/entities/working-group.entity';

/** What the caller is to one group: everything a rule needs to decide, loaded once. */
export interface GroupAccess {
  group: WorkingGroup;
  user: AuthUser | null;
  /** The caller's membership row in any status (invited, left, ...), or null. */
  membership: Membership | null;
  /** The caller's role if the membership is active, else null. */
  role: GroupRole | null;
  /** Steering Committee or admin: platform oversight. */
  isSteward: boolean;
}

export const NOT_FOUND_GROUP = 'Working group';

export function isActiveMember(access: GroupAccess): boolean {
  return access.role !== null;
}

/** The rank rule: `role` (an active member's role, or null) meets `needed` (observer < member < anchor). */
export const meetsGroupRole = (role: GroupRole | null, needed: GroupRole): boolean =>
  role !== null && GROUP_ROLE_RANK[role] >= GROUP_ROLE_RANK[needed];

/**
 * The group's managers: its anchors and the stewards. They decide on members and see what is still a draft
 * (meetings, their agenda, minutes), so the activity feed shows them everything.
 */
export const managesGroup = (access: GroupAccess): boolean =>
  access.role === GroupRole.Anchor || access.isSteward;

/** Members' email addresses are for the group's anchors and admins only (lists, activity, memberships). */
export const mayReadEmails = (access: GroupAccess): boolean =>
  access.role === GroupRole.Anchor || access.user?.role === PlatformRole.Admin;

/**
 * The one `group.role_required` error (403: the caller may see the group but not do this). With
 * `stewardsMayAct`, the Steering Committee and admins could have done it too, and the message says so.
 */
export function groupRoleRequired(
  role: GroupRole,
  action: string,
  options: { group?: string; stewardsMayAct?: boolean } = {},
): ForbiddenError {
  const who = role === GroupRole.Anchor ? 'an anchor' : `an active ${role}`;
  return new ForbiddenError(
    options.stewardsMayAct
      ? `Only ${who} of this group or a steward may ${action}.`
      : `You must be ${who} of this group to ${action}.`,
    {
      code: 'group.role_required',
      params: { role, action, ...(options.group ? { group: options.group } : {}) },
    },
  );
}

/**
 * Who may see a group at all. Public groups: everyone. Members-only groups: active members, people invited to
 * them (they must see what they are invited to), and stewards. Everyone else gets 404, so existence does not leak.
 */
export function canSeeGroup(access: GroupAccess): boolean {
  if (access.group.visibility === GroupVisibility.Public) return true;
  if (access.isSteward || access.role !== null) return true;
  return access.membership?.status === MembershipStatus.Invited;
}

async function accessFor(
  em: EntityManager,
  group: WorkingGroup | null,
  user: AuthUser | null,
): Promise<GroupAccess> {
  // The membership lookup runs for an unknown group too (under the nil UUID, which names none): a 404 for a
  // hidden group then costs what a 404 for nothing costs, and response times do not tell them apart.
  const groupId = group?.id ?? '00000000-0000-0000-0000-000000000000';
  const membership = user ? await em.findOne(Membership, { group: groupId, user: user.id }) : null;
  if (!group) throw new NotFoundError(NOT_FOUND_GROUP);
  const access: GroupAccess = {
    group,
    user,
    membership,
    role: membership?.status === MembershipStatus.Active ? membership.role : null,
    isSteward: isSteward(user),
  };
  if (!canSeeGroup(access)) throw new NotFoundError(NOT_FOUND_GROUP);
  return access;
}

/**
 * Loads a group the caller may see, by slug, with the caller's standing in it. Pass `lock` inside a transaction
 * to serialise writers that check a group-wide invariant (e.g. "at least one anchor of each type").
 */
export async function loadGroupAccess(
  em: EntityManager,
  slug: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<GroupAccess> {
  const group = await em.findOne(
    WorkingGroup,
    { slug },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  return accessFor(em, group, user);
}

export async function loadGroupAccessById(
  em: EntityManager,
  groupId: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<GroupAccess> {
  const group = await em.findOne(
    WorkingGroup,
    { id: groupId },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  return accessFor(em, group, user);
}

/**
 * The one authorization helper for group rules: the caller must hold at least `role` (observer < member <
 * anchor) as an active member. `stewardsMayAct` lets the Steering Committee and admins act too (oversight).
 * A visible group refuses with 403; an invisible one was already a 404 when the access was loaded.
 */
export function requireGroupRole(
  access: GroupAccess,
  role: GroupRole,
  action: string,
  options: { stewardsMayAct?: boolean } = {},
): void {
  if (options.stewardsMayAct && access.isSteward) return;
  if (meetsGroupRole(access.role, role)) return;
  throw groupRoleRequired(role, action, { group: access.group.slug });
}

/**
 * SQL twin of `canSeeGroup`, for the group directory (which must filter in SQL to paginate):
 * test/sql-visibility-twins.e2e-spec.ts keeps both equal.
 */
export { groupVisibleSql } from './groups.queries';
