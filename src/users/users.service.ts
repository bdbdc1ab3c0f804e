import { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from '../common/sql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { requirePlatformRole } from '../common/auth/access';
import { DomainHooks } from '../common/events/hooks';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { AdminUpdateUserDto, ListUsersQueryDto, UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { AffiliationService } from './affiliation.service';
import { PlatformRole } from '../common/auth/platform-role.enums';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
    private readonly affiliation: AffiliationService,
  ) {}

  async list(query: ListUsersQueryDto, meta: AuthenticatedMeta): Promise<Page<UserDto>> {
    requirePlatformRole(meta.user, [PlatformRole.Admin], 'list users');
    const limit = pageSize(query);
    const pattern = query.q ? `%${escapeLike(query.q)}%` : undefined;
    const where: Record<string, unknown> = {
      ...(query.role ? { role: query.role } : {}),
      ...(pattern
        ? { $and: [{ $or: [{ email: { $ilike: pattern } }, { displayName: { $ilike: pattern } }] }] }
        : {}),
      ...keysetAfter('email', query.cursor ? decodeCursor(query.cursor, 'string') : undefined),
    };
    const rows = await this.em.find(User, where, {
      orderBy: { email: 'asc', id: 'asc' },
      limit: limit + 1,
      populate: ['organization'],
    });
    return toPage(
      rows,
      limit,
      (u) => ({ key: u.email, id: u.id }),
      (u) => UserDto.from(u),
    );
  }

  async adminUpdate(id: string, dto: AdminUpdateUserDto, meta: AuthenticatedMeta): Promise<UserDto> {
    requirePlatformRole(meta.user, [PlatformRole.Admin], 'change users');
    const updated = await this.em.transactional(async (em) => {
      // The affiliation first: a withdrawal locks the groups the user anchors before the user row (lock order).
      if (dto.affiliationVerified !== undefined)
        await this.affiliation.apply(em, id, dto.affiliationVerified, meta);
      const user = await em.findOne(User, { id }, { populate: ['organization'] });
      if (!user) throw new NotFoundError('User');
      const before = UserDto.from(user);
      if (
        user.id === meta.user.id &&
        ((dto.role && dto.role !== PlatformRole.Admin) || dto.disabled === true)
      ) {
        throw new ConflictError('Admins cannot demote or disable themselves; ask another admin.', {
          code: 'user.self_lockout',
        });
      }
      const changesRole = dto.role !== undefined && dto.role !== user.role;
      const changesDisabled = dto.disabled !== undefined && dto.disabled !== user.disabled;
      // Nothing to change: no write and no audit event (the chain records decisions, not repeats).
      if (!changesRole && !changesDisabled) return { before, after: before };
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      await em.flush();
      if (dto.disabled === true && !before.disabled) {
        await this.hooks.runInTransaction('user.disabling', em, { userId: user.id });
      }
      const after = await this.audit.recordPlatformChange(em, meta, {
        action: 'user.updated',
        entityType: 'User',
        entityId: user.id,
        before,
        after: UserDto.from(user),
      });
      return { before, after };
    });
    if (updated.after.disabled && !updated.before.disabled)
      this.hooks.emitCommitted('user.disabled', { userId: id });
    return updated.after;
  }
}
