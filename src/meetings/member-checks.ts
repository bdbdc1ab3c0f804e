import { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../common/errors/domain-error';
import { Membership } from '../groups/membership/entities/membership.entity';
import { MembershipStatus } from '../groups/groups.enums';

/** Presenters and assignees must be active members of the meeting's group (422 at `path` otherwise). */
export async function assertActiveMembers(
  em: EntityManager,
  groupId: string,
  users: { userId: string; path: string }[],
): Promise<void> {
  if (users.length === 0) return;
  const active = await em.find(
    Membership,
    {
      group: groupId,
      user: { $in: [...new Set(users.map((u) => u.userId))] },
      status: MembershipStatus.Active,
    },
    { fields: ['user'] },
  );
  const activeIds = new Set(active.map((m) => m.user.id));
  const errors = users
    .filter((u) => !activeIds.has(u.userId))
    .map((u) => ({ path: u.path, message: `${u.path} must be an active member of the group` }));
  if (errors.length > 0) throw new ValidationError(errors);
}
