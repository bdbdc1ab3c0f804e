import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { DomainHooks } from '../common/events/hooks';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { Organization } from '../organizations/entities/organization.entity';
import { UserDto } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { AuthSessionsService } from './auth-sessions.service';
import { assertAcceptablePassword } from './auth.service';
import { UpdateMeDto } from './dto/auth.dto';
import { hashPassword, verifyPassword } from './passwords';

@Injectable()
export class MeService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly sessions: AuthSessionsService,
    private readonly hooks: DomainHooks,
  ) {}

  async get(meta: AuthenticatedMeta): Promise<UserDto> {
    const user = await this.em.findOne(User, { id: meta.user.id }, { populate: ['organization'] });
    if (!user) throw new NotFoundError('User');
    return UserDto.from(user);
  }

  async update(dto: UpdateMeDto, meta: AuthenticatedMeta): Promise<UserDto> {
    if (dto.password !== undefined) assertAcceptablePassword(dto.password);
    const newHash = dto.password !== undefined ? await hashPassword(dto.password) : undefined;
    const updated = await this.em.transactional(async (em) => {
      // Lock the user row (no joins: FOR UPDATE cannot cover an outer join) so the guards below see any anchor
      // promotion that committed first (docs/architecture.md, "Lock order").
      await em.findOneOrFail(User, { id: meta.user.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const user = await em.findOneOrFail(
        User,
        { id: meta.user.id },
        { populate: ['organization', 'passwordHash'] },
      );
      const before = UserDto.from(user);
      if (newHash !== undefined) {
        if (!(await verifyPassword(user.passwordHash, dto.currentPassword ?? ''))) {
          throw ValidationError.single('currentPassword', 'currentPassword is not correct');
        }
        user.passwordHash = newHash;
      }
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.locale !== undefined) user.locale = dto.locale;
      if (dto.timeZone !== undefined) user.timeZone = dto.timeZone;
      if (dto.organizationId !== undefined && dto.organizationId !== (user.organization?.id ?? null)) {
        await this.hooks.runInTransaction('user.organization_changing', em, { userId: user.id });
        const organization = dto.organizationId
          ? await em.findOne(Organization, { id: dto.organizationId })
          : null;
        if (dto.organizationId && !organization)
          throw ValidationError.single('organizationId', 'organizationId does not name an organization');
        // A new organisation is self-declared again until someone verifies it (decision 0012).
        em.assign(user, { organization, affiliationVerifiedAt: null, affiliationVerifiedBy: null });
      }
      await em.flush();
      if (newHash !== undefined) await this.sessions.revokeAllForUser(em, user.id, 'password_changed');
      return this.audit.recordPlatformChange(em, meta, {
        action: newHash !== undefined ? 'user.password_changed' : 'user.profile_updated',
        entityType: 'User',
        entityId: user.id,
        before,
        after: UserDto.from(user),
      });
    });
    if (newHash !== undefined) this.hooks.emitCommitted('sessions.revoked', { userId: meta.user.id });
    return updated;
  }
}
