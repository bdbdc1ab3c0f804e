import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta } from '../common/auth/auth-user';
import { ValidationError } from '../common/errors/domain-error';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { GroupRole, MembershipStatus } from '../groups/groups.enums';
import {
  GroupAccess,
  loadGroupAccess,
  managesGroup,
  meetsGroupRole,
  requireGroupRole,
} from '../groups/group-access';
import { Membership } from '../groups/membership/entities/membership.entity';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { canStep, isFinal, mayTakeStep, STEP_ACTORS } from './assistance-status-machine';
import { canReadAssistance, loadAssistanceAccess } from './cooperation-access';
import { AssistanceStatus } from './cooperation.enums';
import { invalidStep, notOwnOrganization, organizationNotMember, stepForbidden } from './cooperation.errors';
import { assistanceSnapshot, toAssistanceDtos } from './cooperation-views';
import {
  AssistanceRequestDto,
  CreateAssistanceRequestDto,
  ListAssistanceRequestsQueryDto,
  StepAssistanceRequestDto,
} from './dto/assistance.dto';
import { AssistanceRequest } from './entities/assistance-request.entity';
import { AssistanceRequestStep } from './entities/assistance-request-step.entity';

/** A member organisation of a group: an organisation with at least one active member in it (any role). */
async function isMemberOrganization(
  em: EntityManager,
  groupId: string,
  organizationId: string,
): Promise<boolean> {
  const count = await em.count(Membership, {
    group: groupId,
    status: MembershipStatus.Active,
    user: { organization: organizationId },
  });
  return count > 0;
}

/** The caller's own organisation, read now (it may have changed since the token was issued). */
async function organizationOf(em: EntityManager, userId: string): Promise<string | null> {
  const user = await em.findOne(User, { id: userId }, { fields: ['organization'] });
  return user?.organization?.id ?? null;
}

/** Posting members (member or anchor role) act for their organisation; observers read only. */
const postsFor = (access: GroupAccess): boolean => meetsGroupRole(access.role, GroupRole.Member);

/** Peer exchange and technical assistance between a group's member organisations. */
@Injectable()
export class AssistanceService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(
    slug: string,
    query: ListAssistanceRequestsQueryDto,
    meta: AuthenticatedMeta,
  ): Promise<Page<AssistanceRequestDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    if (!canReadAssistance(access)) {
      requireGroupRole(access, GroupRole.Observer, 'read its assistance requests', { stewardsMayAct: true });
    }
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const where = {
      group: access.group.id,
      ...(query.status ? { status: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    };
    const rows = await this.em.find(
      AssistanceRequest,
      { $and: [where, keysetAfter('createdAt', after, 'desc')] },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    const page = toPage(
      rows,
      limit,
      (r) => ({ key: r.createdAt.toISOString(), id: r.id }),
      (r) => r,
    );
    return {
      items: await toAssistanceDtos(this.em, page.items, access.group.slug),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string, meta: AuthenticatedMeta): Promise<AssistanceRequestDto> {
    const access = await loadAssistanceAccess(this.em, id, meta.user);
    return (await toAssistanceDtos(this.em, [access.request], access.group.slug))[0];
  }

  /**
   * A posting member asks for their own organisation; anchors and stewards may ask on behalf of any member
   * organisation of the group (docs/cooperation.md).
   */
  async create(
    slug: string,
    dto: CreateAssistanceRequestDto,
    meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestDto> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user);
      if (!managesGroup(access)) {
        requireGroupRole(access, GroupRole.Member, 'ask for assistance');
        if ((await organizationOf(em, meta.user.id)) !== dto.requestingOrganizationId) {
          throw notOwnOrganization();
        }
      } else if (!(await isMemberOrganization(em, access.group.id, dto.requestingOrganizationId))) {
        throw organizationNotMember('requestingOrganizationId');
      }
      const request = em.create(AssistanceRequest, {
        group: access.group.id,
        kind: dto.kind,
        topic: dto.topic,
        description: dto.description,
        requestingOrganization: dto.requestingOrganizationId,
        createdBy: meta.user.id,
      });
      em.create(AssistanceRequestStep, {
        request,
        toStatus: AssistanceStatus.Open,
        actor: meta.user.id,
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'assistance_request.created',
        entityType: 'AssistanceRequest',
        entityId: request.id,
        after: { ...assistanceSnapshot(request), description: request.description },
      });
      return (await toAssistanceDtos(em, [request], access.group.slug))[0];
    });
  }

  /** One step of the status machine, under the request's row lock (docs/architecture.md, "Lock order"). */
  async step(
    id: string,
    dto: StepAssistanceRequestDto,
    meta: AuthenticatedMeta,
  ): Promise<AssistanceRequestDto> {
    const matching = dto.status === AssistanceStatus.Matched;
    if (matching && !dto.offeringOrganizationId) {
      throw ValidationError.single('offeringOrganizationId', 'offeringOrganizationId is required to match');
    }
    if (!matching && dto.offeringOrganizationId !== undefined) {
      throw ValidationError.single(
        'offeringOrganizationId',
        'offeringOrganizationId goes with status matched only',
      );
    }
    return this.em.transactional(async (em) => {
      const access = await loadAssistanceAccess(em, id, meta.user, { lock: true });
      const { request } = access;
      const before = assistanceSnapshot(request);
      const own = postsFor(access) ? await organizationOf(em, meta.user.id) : null;
      const standing = {
        manages: managesGroup(access),
        ofRequesting: own !== null && own === request.requestingOrganization.id,
        ofOffering: own !== null && own === request.offeringOrganization?.id,
      };
      if (!mayTakeStep(dto.status, standing)) throw stepForbidden(dto.status, STEP_ACTORS[dto.status]);
      const from = request.status;
      if (!canStep(from, dto.status)) throw invalidStep(from, dto.status);
      if (matching) {
        const offering = dto.offeringOrganizationId!;
        if (offering === request.requestingOrganization.id) {
          throw ValidationError.single(
            'offeringOrganizationId',
            'offeringOrganizationId must differ from the requesting organisation',
          );
        }
        if (!(await isMemberOrganization(em, access.group.id, offering))) {
          throw organizationNotMember('offeringOrganizationId');
        }
        request.offeringOrganization = em.getReference(Organization, offering, { wrapped: true });
      }
      request.status = dto.status;
      if (isFinal(dto.status)) request.closedAt = new Date();
      em.create(AssistanceRequestStep, {
        request,
        fromStatus: from,
        toStatus: dto.status,
        actor: meta.user.id,
        note: dto.note ?? null,
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'assistance_request.status_changed',
        entityType: 'AssistanceRequest',
        entityId: request.id,
        before,
        after: { ...assistanceSnapshot(request), note: dto.note ?? null },
      });
      return (await toAssistanceDtos(em, [request], access.group.slug))[0];
    });
  }
}
