import { EntityManager } from '@mikro-orm/postgresql';
import { OrganizationChangeGuard } from '../auth/me.service';
import { ConflictError } from '../common/errors/domain-error';
import { GroupRole, Membership, MembershipStatus } from './entities/membership.entity';

/** An anchor's type is their organisation's kind: changing it would silently change who anchors a group. */
export const anchorOrganizationGuard: OrganizationChangeGuard = {
  async assertMayChangeOrganization(em: EntityManager, userId: string): Promise<void> {
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
  },
};
