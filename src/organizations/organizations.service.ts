import { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from '../common/sql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { requirePlatformRole } from '../common/auth/access';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { STEWARD_ROLES } from '../common/auth/platform-role.enums';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { CreateOrganizationDto, ListOrganizationsQueryDto, OrganizationDto } from './dto/organization.dto';
import { Organization } from './entities/organization.entity';
import { GovernmentLevel, OrganizationKind } from './organizations.enums';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListOrganizationsQueryDto): Promise<Page<OrganizationDto>> {
    const limit = pageSize(query);
    const where: Record<string, unknown> = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.country ? { country: query.country } : {}),
      ...(query.q ? { name: { $ilike: `%${escapeLike(query.q)}%` } } : {}),
      ...keysetAfter('name', query.cursor ? decodeCursor(query.cursor, 'string') : undefined),
    };
    const rows = await this.em.find(Organization, where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (o) => ({ key: o.name, id: o.id }),
      (o) => OrganizationDto.from(o),
    );
  }

  async get(id: string): Promise<OrganizationDto> {
    const org = await this.em.findOne(Organization, { id });
    if (!org) throw new NotFoundError('Organization');
    return OrganizationDto.from(org);
  }

  /**
   * Admins and the Steering Committee register organisations: an organisation's kind decides its members'
   * anchor type, so a self-declared "government" must not be one request away.
   */
  async create(dto: CreateOrganizationDto, meta: AuthenticatedMeta): Promise<OrganizationDto> {
    requirePlatformRole(meta.user, STEWARD_ROLES, 'register organizations');
    assertConsistentKind(dto);
    return this.em.transactional(async (em) => {
      const clash = await em.count(Organization, { name: { $ilike: escapeLike(dto.name) } });
      if (clash > 0) {
        throw new ConflictError(`An organization named "${dto.name}" already exists.`, {
          code: 'organization.duplicate_name',
        });
      }
      const org = em.create(Organization, {
        name: dto.name,
        kind: dto.kind,
        country: dto.country ?? null,
        level: dto.level ?? null,
        website: dto.website ?? null,
      });
      await em.flush();
      return this.audit.recordPlatformChange(em, meta, {
        action: 'organization.created',
        entityType: 'Organization',
        entityId: org.id,
        after: OrganizationDto.from(org),
      });
    });
  }
}

/** A government says at which level it governs; only multilaterals may be without a country. */
function assertConsistentKind(dto: CreateOrganizationDto): void {
  const errors = [];
  if (dto.kind === OrganizationKind.Government && !dto.level) {
    errors.push({
      path: 'level',
      message: `level is required for governments (${Object.values(GovernmentLevel).join(', ')})`,
    });
  }
  if (dto.kind !== OrganizationKind.Government && dto.level) {
    errors.push({ path: 'level', message: 'level applies to governments only' });
  }
  if (dto.kind !== OrganizationKind.Multilateral && !dto.country) {
    errors.push({ path: 'country', message: 'country is required unless the organization is multilateral' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}
