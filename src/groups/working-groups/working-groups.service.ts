import { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from '../../common/sql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { groupScope } from '../../audit/audit-hash';
import { requirePlatformRole } from '../../common/auth/access';
import { AuthenticatedMeta, RequestMeta } from '../../common/auth/auth-user';
import { ConflictError } from '../../common/errors/domain-error';
import { DomainHooks } from '../../common/events/hooks';
import { decodeCursor, Page, pageSize, toPage } from '../../common/pagination/pagination';
import { anchorTypeOf } from '../membership/anchor-type';
import { Membership } from '../membership/entities/membership.entity';
import { GroupRole, MembershipStatus, GroupStatus } from '../groups.enums';
import { OrganizationSummaryDto } from '../../organizations/dto/organization.dto';
import { UserSummaryDto } from '../../users/dto/user.dto';
import { PlatformRole } from '../../common/auth/platform-role.enums';
import {
  CreateWorkingGroupDto,
  ListWorkingGroupsQueryDto,
  UpdateWorkingGroupDto,
  WorkingGroupDetailDto,
  WorkingGroupDto,
} from './dto/working-group.dto';
import { WorkingGroup } from './entities/working-group.entity';
import { loadGroupAccess, requireGroupRole } from '../group-access';
import { firstFreeSlug, RESERVED_SLUGS, slugify } from './slug';

/** Escapes LIKE wildcards so `q` matches literally (backslash is PostgreSQL's default LIKE escape). */

const SORT_COLUMNS = { name: 'g.name', createdAt: 'g.created_at' } as const;

@Injectable()
export class WorkingGroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  /**
   * The directory: public groups for everyone; members-only groups only for their active members, invitees and
   * stewards (the same rule as `canSeeGroup`, expressed in SQL so pagination stays correct).
   */
  async list(query: ListWorkingGroupsQueryDto, meta: RequestMeta): Promise<Page<WorkingGroupDto>> {
    const limit = pageSize(query);
    const sort = query.sort ?? 'name';
    const order = query.order ?? 'asc';
    const column = SORT_COLUMNS[sort];
    const qb = this.em.createQueryBuilder(WorkingGroup, 'g').select('*');
    const isSteward =
      meta.user !== null && [PlatformRole.SteeringCommittee, PlatformRole.Admin].includes(meta.user.role);
    if (!isSteward) {
      qb.andWhere(
        `(g.visibility = 'public' or exists (select 1 from membership vm where vm.group_id = g.id
           and vm.user_id = ? and vm.status in ('active', 'invited')))`,
        [meta.user?.id ?? '00000000-0000-0000-0000-000000000000'],
      );
    }
    if (query.status) qb.andWhere('g.status = ?', [query.status]);
    if (query.theme) qb.andWhere('g.theme = ?', [query.theme]);
    if (query.country) {
      qb.andWhere(
        `exists (select 1 from membership cm join "user" cu on cu.id = cm.user_id
           join organization co on co.id = cu.organization_id
          where cm.group_id = g.id and cm.status = 'active' and co.country = ?)`,
        [query.country],
      );
    }
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      qb.andWhere('(g.name ilike ? or g.description ilike ?)', [pattern, pattern]);
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, sort === 'name' ? 'string' : 'date');
      const op = order === 'asc' ? '>' : '<';
      qb.andWhere(`(${column} ${op} ? or (${column} = ? and g.id ${op} ?))`, [
        after.key,
        after.key,
        after.id,
      ]);
    }
    qb.orderBy({ [sort]: order, id: order }).limit(limit + 1);
    const rows = await qb.getResultList();
    return toPage(
      rows,
      limit,
      (g) => ({ key: sort === 'name' ? g.name : g.createdAt.toISOString(), id: g.id }),
      (g) => WorkingGroupDto.from(g),
    );
  }

  async get(slug: string, meta: RequestMeta): Promise<WorkingGroupDetailDto> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    const group = access.group;
    const anchors = await this.em.find(
      Membership,
      { group: group.id, status: MembershipStatus.Active, role: GroupRole.Anchor },
      { populate: ['user.organization'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const organizations = await this.em.execute<OrganizationSummaryDto[]>(
      `select distinct o.id, o.name, o.kind, o.country
         from membership m join "user" u on u.id = m.user_id join organization o on o.id = u.organization_id
        where m.group_id = ? and m.status = 'active'
        order by o.name, o.id`,
      [group.id],
    );
    const activeMemberCount = await this.em.count(Membership, {
      group: group.id,
      status: MembershipStatus.Active,
    });
    const own = access.membership;
    return {
      ...WorkingGroupDto.from(group),
      anchors: anchors.map((m) => {
        const user = m.user.getEntity();
        const org = user.organization?.getEntity() ?? null;
        return {
          userId: user.id,
          user: UserSummaryDto.from(user),
          displayName: user.displayName,
          organization: org ? OrganizationSummaryDto.from(org) : null,
          anchorType: anchorTypeOf(org?.kind),
        };
      }),
      memberOrganizations: organizations.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        country: o.country,
      })),
      activeMemberCount,
      myMembership: own ? { role: own.role, status: own.status } : null,
    };
  }

  async create(dto: CreateWorkingGroupDto, meta: AuthenticatedMeta): Promise<WorkingGroupDto> {
    requirePlatformRole(
      meta.user,
      [PlatformRole.SteeringCommittee, PlatformRole.Admin],
      'create working groups',
    );
    return this.em.transactional(async (em) => {
      const base = slugify(dto.name);
      // Two groups with the same name created at once would pick the same free slug: serialise per base slug.
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`group-slug:${base}`]);
      const clashes = await em.find(
        WorkingGroup,
        { $or: [{ slug: base }, { slug: { $like: `${base}-%` } }] },
        { fields: ['slug'] },
      );
      const group = em.create(WorkingGroup, {
        slug: firstFreeSlug(
          base,
          clashes.map((g) => g.slug),
        ),
        name: dto.name,
        theme: dto.theme,
        description: dto.description,
        status: GroupStatus.Proposed,
        visibility: dto.visibility,
        joinPolicy: dto.joinPolicy,
      });
      await em.flush();
      await this.hooks.runInTransaction('group.created', em, {
        groupId: group.id,
        slug: group.slug,
        name: group.name,
      });
      const view = WorkingGroupDto.from(group);
      await this.audit.record(em, meta, {
        scope: groupScope(group.id),
        action: 'group.created',
        entityType: 'WorkingGroup',
        entityId: group.id,
        after: view,
      });
      return view;
    });
  }

  async update(slug: string, dto: UpdateWorkingGroupDto, meta: AuthenticatedMeta): Promise<WorkingGroupDto> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'edit this group', { stewardsMayAct: true });
      const group = access.group;
      const before = WorkingGroupDto.from(group);
      if (dto.slug !== undefined && dto.slug !== group.slug) {
        if (group.status !== GroupStatus.Proposed) {
          throw new ConflictError(
            `The slug of a group is stable once it leaves "proposed" (this group is ${group.status}).`,
            { code: 'group.slug_frozen', params: { status: group.status } },
          );
        }
        // One answer for every slug that cannot be had, a hidden group's included, naming no group and no reason.
        const taken = (await em.count(WorkingGroup, { slug: dto.slug })) > 0;
        if (taken || RESERVED_SLUGS.has(dto.slug)) {
          throw new ConflictError(`The slug "${dto.slug}" is not available; choose another.`, {
            code: 'group.slug_taken',
            params: { slug: dto.slug },
          });
        }
      }
      const changes = Object.fromEntries(
        Object.entries(dto).filter(
          ([key, value]) => value !== undefined && group[key as keyof WorkingGroup] !== value,
        ),
      );
      if (Object.keys(changes).length === 0) return before;
      em.assign(group, changes);
      await em.flush();
      const after = WorkingGroupDto.from(group);
      await this.audit.record(em, meta, {
        scope: groupScope(group.id),
        action: 'group.updated',
        entityType: 'WorkingGroup',
        entityId: group.id,
        before,
        after,
      });
      return after;
    });
  }
}
