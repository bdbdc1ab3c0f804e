import { LockMode, ref } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { PlatformRole } from '../common/auth/platform-role.enums';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { DomainHooks } from '../common/events/hooks';
import { Organization } from '../organizations/entities/organization.entity';
import { AffiliationDto } from './dto/user.dto';
import { User } from './entities/user.entity';

/**
 * Verified affiliations (docs/decisions/0012-verified-affiliations-and-priority-areas.md): an affiliation is
 * self-declared until an admin, or a verified contact of the same organisation, verifies it; only then does it
 * count for anchor types and constituency tallies. Changing organisation clears it (`MeService.update`).
 */
@Injectable()
export class AffiliationService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  /** `PUT /organizations/:id/members/:userId/verification`: an admin or a verified contact of the organisation. */
  async setByContact(
    organizationId: string,
    userId: string,
    verified: boolean,
    meta: AuthenticatedMeta,
  ): Promise<AffiliationDto> {
    return this.em.transactional(async (em) => {
      if (!(await em.count(Organization, { id: organizationId }))) throw new NotFoundError('Organization');
      if (meta.user.role !== PlatformRole.Admin) {
        await assertVerifiedContact(em, meta.user.id, organizationId);
        if (userId === meta.user.id) {
          throw new ForbiddenError(
            'A contact cannot verify or withdraw their own affiliation; ask an admin or another contact.',
            { code: 'user.own_affiliation' },
          );
        }
      }
      return AffiliationDto.from(await this.apply(em, userId, verified, meta, organizationId));
    });
  }

  /**
   * Verifies or withdraws inside the caller's transaction, audited on the platform chain; a repeat changes
   * nothing and records nothing. A withdrawal first lets the groups context lock the groups the user anchors
   * and veto (`user.affiliation_unverifying`), then locks the user row FOR UPDATE (docs/architecture.md, "Lock
   * order": group rows before user rows), so a concurrent organisation change or promotion serialises with it.
   * With `organizationId`, a user who does not belong to it is not found.
   */
  async apply(
    em: EntityManager,
    userId: string,
    verified: boolean,
    meta: AuthenticatedMeta,
    organizationId?: string,
  ): Promise<User> {
    const seen = await em.findOne(User, { id: userId }, { refresh: true });
    if (!seen) throw new NotFoundError('User');
    const guarded = !verified && seen.affiliationVerifiedAt !== null;
    if (guarded) await this.hooks.runInTransaction('user.affiliation_unverifying', em, { userId });
    const user = await em.findOneOrFail(
      User,
      { id: userId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    await em.populate(user, ['organization'], { refresh: true });
    if (organizationId !== undefined && user.organization?.id !== organizationId)
      throw new NotFoundError('User');
    const isVerified = user.affiliationVerifiedAt !== null;
    if (isVerified === verified) return user;
    if (!verified && !guarded) {
      throw new ConflictError('The affiliation was verified meanwhile; retry the request.', {
        code: 'state.concurrent_change',
      });
    }
    if (verified && !user.organization) {
      throw new ConflictError(`${user.displayName} belongs to no organisation; there is nothing to verify.`, {
        code: 'user.no_organization',
      });
    }
    const before = AffiliationDto.from(user);
    user.affiliationVerifiedAt = verified ? new Date() : null;
    user.affiliationVerifiedBy = verified ? ref(User, meta.user.id) : null;
    await em.flush();
    await this.audit.recordPlatformChange(em, meta, {
      action: verified ? 'user.affiliation_verified' : 'user.affiliation_unverified',
      entityType: 'User',
      entityId: user.id,
      before,
      after: AffiliationDto.from(user),
    });
    return user;
  }
}

/** A verified contact of an organisation: a user whose own affiliation with that organisation is verified. */
async function assertVerifiedContact(
  em: EntityManager,
  callerId: string,
  organizationId: string,
): Promise<void> {
  const caller = await em.findOne(User, { id: callerId });
  if (!caller || caller.organization?.id !== organizationId || caller.affiliationVerifiedAt === null) {
    throw new ForbiddenError(
      "Only an admin or a verified contact of this organisation may verify its members' affiliations.",
      { code: 'user.verified_contact_required' },
    );
  }
}
