import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { isSteward, requirePlatformRole } from '../../common/auth/access';
import { AuthenticatedMeta, RequestMeta } from '../../common/auth/auth-user';
import { ConflictError, UnauthorizedError } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../../common/pagination/pagination';
import { anchorTypeOf } from '../membership/anchor-type';
import { Membership } from '../membership/entities/membership.entity';
import { GroupRole, MembershipStatus, GroupStatus } from '../groups.enums';
import { OrganizationSummaryDto } from '../../organizations/dto/organization.dto';
import { UserSummaryDto } from '../../users/dto/user.dto';
import { STEWARD_ROLES } from '../../common/auth/platform-role.enums';
import {
  CreateWorkingGroupDto,
  ListWorkingGroupsQueryDto,
  UpdateWorkingGroupDto,
  WorkingGroupDetailDto,
  WorkingGroupDto,
  WorkingGroupListItemDto,
  INVITED_FILTER,
} from './dto/working-group.dto';
import { WorkingGroup } from './entities/working-group.entity';
import { loadGroupAccess, requireGroupRole } from '../group-access';
import { RESERVED_SLUGS } from './slug';
import { ProposedGroupsService } from './proposed-groups.service';
import { activeMemberOrganizations, DirectoryRow, findDirectoryGroups } from '../groups.queries';

@Injectable()
export class WorkingGroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly creator: ProposedGroupsService,
  ) {}

  /**
   * The directory: public groups for everyone; members-only groups only for their active members, invitees and
   * stewards (the same rule as `canSeeGroup`, expressed in SQL so pagination stays correct).
   */
  async list(query: ListWorkingGroupsQueryDto, meta: RequestMeta): Promise<Page<WorkingGroupListItemDto>> {
    const limit = pageSize(query);
    const sort = query.sort ?? 'name';
    const order = query.order ?? 'asc';
    const invited = query.status === INVITED_FILTER;
    const mine = query.mine === 'true';
    if ((invited || mine) && !meta.user) {
      throw new UnauthorizedError(
        invited
          ? 'status=invited lists your own invitations: sign in first.'
          : 'mine=true lists your own groups: sign in first.',
      );
    }
    const rows = await findDirectoryGroups(this.em, {
      viewer: { userId: meta.user?.id ?? null, isSteward: isSteward(meta.user) },
      status: invited ? undefined : (query.status as GroupStatus | undefined),
      viewerMembership: invited ? MembershipStatus.Invited : mine ? MembershipStatus.Active : undefined,
      theme: query.theme,
      country: query.country,
      q: query.q,
      sort,
      order,
      after: query.cursor ? decodeCursor(query.cursor, sort === 'name' ? 'string' : 'date') : undefined,
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (g) => ({ key: sort === 'name' ? g.name : g.created_at.toISOString(), id: g.id }),
      toListItem,
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
    const organizations = await activeMemberOrganizations(this.em, group.id);
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
    requirePlatformRole(meta.user, STEWARD_ROLES, 'create working groups');
    return this.em.transactional((em) => this.creator.createGroup(em, meta, dto));
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
      return this.audit.recordGroupChange(em, meta, group.id, {
        action: 'group.updated',
        entityType: 'WorkingGroup',
        entityId: group.id,
        before,
        after: WorkingGroupDto.from(group),
      });
    });
  }
}

/** A directory row to its DTO, keys in WorkingGroupDto's order (test/working-groups-directory-shape pins it). */
function toListItem(g: DirectoryRow): WorkingGroupListItemDto {
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    theme: g.theme,
    description: g.description,
    status: g.status,
    visibility: g.visibility,
    joinPolicy: g.join_policy,
    documentUploads: g.document_uploads,
    createdAt: g.created_at,
    updatedAt: g.updated_at,
    myMembership: g.my_role && g.my_status ? { role: g.my_role, status: g.my_status } : null,
  };
}
