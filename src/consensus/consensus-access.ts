import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { notFoundAs } from '../common/errors/not-found-as';
import {
  GroupAccess,
  loadGroupAccess,
  loadGroupAccessById,
  meetsGroupRole,
  NOT_FOUND_GROUP,
} from '../groups/group-access';
import { GroupRole, GroupVisibility } from '../groups/groups.enums';
import { PriorityArea } from './entities/priority-area.entity';

export const NOT_FOUND_PRIORITY_AREA = 'Priority area';

/** A priority area the caller may see, with the caller's standing in its group. */
export interface PriorityAreaAccess extends GroupAccess {
  area: PriorityArea;
}

/**
 * A public group's priority areas are public; a members-only group's are for its active members (any role) and
 * stewards (an invitee sees the group, not yet its deliberations). Everyone else: 404.
 */
export const canSeePriorityAreas = (access: GroupAccess): boolean =>
  access.group.visibility === GroupVisibility.Public || access.role !== null || access.isSteward;

/** Who has not responded is named to members (any role) and stewards only. */
export const seesParticipants = (access: GroupAccess): boolean => access.role !== null || access.isSteward;

/** Members and anchors propose areas and take positions; observers read but do not post. */
export const takesPositions = (access: GroupAccess): boolean => meetsGroupRole(access.role, GroupRole.Member);

/** A group whose priority areas the caller may see, by slug; 404 otherwise. */
export async function loadGroupAreasAccess(
  em: EntityManager,
  slug: string,
  user: AuthUser | null,
): Promise<GroupAccess> {
  const access = await loadGroupAccess(em, slug, user);
  if (!canSeePriorityAreas(access)) throw new NotFoundError(NOT_FOUND_GROUP);
  return access;
}

/**
 * Loads a priority area and the caller's access; 404 when it does not exist or the caller may not see it (a
 * hidden group answers "Priority area was not found"). `lock: 'share'` (position writes) or `'update'` (adopt,
 * retire) takes the area row (docs/architecture.md, "Lock order"): positions and decisions never interleave.
 */
export async function loadPriorityAreaAccess(
  em: EntityManager,
  id: string,
  user: AuthUser | null,
  options: { lock?: 'share' | 'update' } = {},
): Promise<PriorityAreaAccess> {
  const lockMode =
    options.lock === 'update'
      ? LockMode.PESSIMISTIC_WRITE
      : options.lock === 'share'
        ? LockMode.PESSIMISTIC_READ
        : undefined;
  const area = await em.findOne(PriorityArea, { id }, lockMode ? { lockMode, refresh: true } : {});
  // An unknown area still runs the group lookup (under its own id, which names no group): same statements,
  // same time as an area the caller may not see.
  const access = await notFoundAs(
    NOT_FOUND_PRIORITY_AREA,
    loadGroupAccessById(em, area?.group.id ?? id, user),
  );
  if (!area || !canSeePriorityAreas(access)) throw new NotFoundError(NOT_FOUND_PRIORITY_AREA);
  return { ...access, area };
}
