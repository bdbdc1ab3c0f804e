import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../../common/errors/domain-error';
import { OPEN_FOR_MEMBERSHIP } from '../working-groups/status-machine';
import { WorkingGroup } from '../working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import {
  ANCHORED_STATUSES,
  anchorTypeOf,
  countActiveAnchorsByType,
  describeAnchorTypes,
} from './anchor-type';
import { Membership } from './entities/membership.entity';
import { GroupRole, MembershipStatus } from '../groups.enums';

/** Sunset and archived groups take no new members. */
export function assertOpenForMembership(group: WorkingGroup): void {
  if (!OPEN_FOR_MEMBERSHIP.includes(group.status)) {
    throw new ConflictError(`A ${group.status} group takes no new members.`, {
      code: 'membership.group_closed',
      params: { status: group.status },
    });
  }
}

/** An anchor's type comes from their organisation, so only government and civil-society people can anchor. */
export function assertMayAnchor(user: User): void {
  const org = user.organization?.getEntity() ?? null;
  if (anchorTypeOf(org?.kind) === null) {
    throw new ConflictError(
      org
        ? `${user.displayName} cannot be an anchor: their organisation is ${org.kind}, and anchors must belong ` +
            'to a government or a civil-society organisation.'
        : `${user.displayName} cannot be an anchor: they belong to no organisation, and anchors must belong ` +
            'to a government or a civil-society organisation.',
      { code: 'membership.anchor_needs_organization', params: { kind: org?.kind ?? null } },
    );
  }
}

/**
 * Loads a future anchor with their organisation read under a FOR SHARE lock on their user row, then checks it.
 * A change of organisation (`PATCH /me`) locks the same row FOR UPDATE before its anchor guard runs, so the two
 * serialise: either the change commits first and this reads the new organisation, or this promotion commits
 * first and the change's guard sees the new anchor. Call inside the transaction that makes the person anchor.
 */
export async function lockAndAssertMayAnchor(em: EntityManager, userId: string): Promise<User> {
  // Lock without joins (FOR SHARE cannot cover the nullable side of an outer join), refreshing what an earlier
  // read of this transaction may have cached, then load the organisation as it stands under the lock.
  const user = await em.findOneOrFail(
    User,
    { id: userId },
    { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
  );
  await em.populate(user, ['organization'], { refresh: true });
  assertMayAnchor(user);
  return user;
}

/**
 * Refuses to end or demote the last active anchor of its type while the group must stay anchored.
 * The caller must hold the group row lock (loadGroupAccess with `lock`), so concurrent demotions serialise
 * and the second one counts what the first committed.
 */
export async function assertNotLastAnchor(
  em: EntityManager,
  group: WorkingGroup,
  m: Membership,
): Promise<void> {
  if (!ANCHORED_STATUSES.includes(group.status)) return;
  if (m.status !== MembershipStatus.Active || m.role !== GroupRole.Anchor) return;
  const user = m.user.getEntity();
  // An unverified anchor's type does not count, so ending them cannot take the group below its invariant.
  if (user.affiliationVerifiedAt === null) return;
  const type = anchorTypeOf(user.organization?.getEntity()?.kind);
  if (type === null) return;
  const counts = await countActiveAnchorsByType(em, group.id);
  if (counts[type] <= 1) {
    throw new ConflictError(
      `This is the last active ${describeAnchorTypes([type])} anchor of a ${group.status} group; appoint ` +
        'another one first (a group needs at least one government and one civil-society anchor).',
      { code: 'group.anchor_missing', params: { missing: [type] } },
    );
  }
}
