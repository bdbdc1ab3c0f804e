import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError } from '../../common/errors/domain-error';
import { DomainHooks } from '../../common/events/hooks';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../working-groups/entities/working-group.entity';
import { GroupRole, MembershipStatus } from '../groups.enums';
import {
  ANCHORED_STATUSES,
  anchorTypeOf,
  countActiveAnchorsByType,
  describeAnchorTypes,
} from './anchor-type';
import { Membership } from './entities/membership.entity';

/**
 * An anchor's type is their (verified) organisation's kind: changing the organisation would silently change who
 * anchors a group, so the groups context vetoes `PATCH /me` organisation changes of active anchors
 * (`user.organization_changing`), and withdrawing the verification of the last verified anchor of its type of an
 * anchored group (`user.affiliation_unverifying`).
 */
@Injectable()
export class AnchorOrganizationGuard implements OnModuleInit {
  constructor(private readonly hooks: DomainHooks) {}

  onModuleInit(): void {
    this.hooks.onTransaction('user.organization_changing', (em, { userId }) =>
      assertMayChangeOrganization(em, userId),
    );
    this.hooks.onTransaction('user.affiliation_unverifying', (em, { userId }) =>
      assertMayWithdrawAffiliation(em, userId),
    );
  }
}

export async function assertMayChangeOrganization(em: EntityManager, userId: string): Promise<void> {
  const anchored = await em.find(
    Membership,
    { user: userId, status: MembershipStatus.Active, role: GroupRole.Anchor },
    { populate: ['group'] },
  );
  if (anchored.length > 0) {
    const groups = anchored.map((m) => m.group.getEntity().slug);
    throw new ConflictError(
      `You anchor ${groups.join(', ')}; an anchor's type comes from their organisation, so step down as ` +
        'anchor (or have another anchor appointed) before changing organisation.',
      { code: 'membership.anchor_organization_locked', params: { groups } },
    );
  }
}

/**
 * Locks the groups the user anchors (group rows, in id order: lock order #2, before the caller locks the user
 * row) and refuses when the user is the last verified anchor of their type of a group that must stay anchored.
 */
export async function assertMayWithdrawAffiliation(em: EntityManager, userId: string): Promise<void> {
  const where = { user: userId, status: MembershipStatus.Active, role: GroupRole.Anchor };
  const seen = await em.find(Membership, where);
  if (seen.length === 0) return;
  const groups = await em.find(
    WorkingGroup,
    { id: { $in: seen.map((m) => m.group.id) } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' }, refresh: true },
  );
  const user = await em.findOneOrFail(User, { id: userId }, { populate: ['organization'], refresh: true });
  const type = anchorTypeOf(user.organization?.getEntity()?.kind);
  if (type === null || user.affiliationVerifiedAt === null) return;
  const stillAnchored = new Set(
    (await em.find(Membership, { ...where, group: { $in: groups.map((g) => g.id) } }, { refresh: true })).map(
      (m) => m.group.id,
    ),
  );
  const blocked: string[] = [];
  for (const group of groups) {
    if (!stillAnchored.has(group.id) || !ANCHORED_STATUSES.includes(group.status)) continue;
    if ((await countActiveAnchorsByType(em, group.id))[type] <= 1) blocked.push(group.slug);
  }
  if (blocked.length > 0) {
    throw new ConflictError(
      `${user.displayName} is the last verified ${describeAnchorTypes([type])} anchor of ${blocked.join(', ')}; ` +
        'appoint another one first (a group needs at least one government and one civil-society anchor).',
      { code: 'group.anchor_missing', params: { missing: [type], groups: blocked } },
    );
  }
}
