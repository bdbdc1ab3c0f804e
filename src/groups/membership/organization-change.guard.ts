import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConflictError } from '../../common/errors/domain-error';
import { DomainHooks } from '../../common/events/hooks';
import { GroupRole, MembershipStatus } from '../groups.enums';
import { Membership } from './entities/membership.entity';

/**
 * An anchor's type is their organisation's kind: changing it would silently change who anchors a group, so
 * the groups context vetoes `PATCH /me` organisation changes of active anchors (`user.organization_changing`).
 */
@Injectable()
export class AnchorOrganizationGuard implements OnModuleInit {
  constructor(private readonly hooks: DomainHooks) {}

  onModuleInit(): void {
    this.hooks.onTransaction('user.organization_changing', (em, { userId }) =>
      assertMayChangeOrganization(em, userId),
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
