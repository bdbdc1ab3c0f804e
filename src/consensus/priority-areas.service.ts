import { ref } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { DomainHooks } from '../common/events/hooks';
import { ConflictError, ValidationError } from '../common/errors/domain-error';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { GroupAccess, groupRoleRequired, requireGroupRole } from '../groups/group-access';
import { GroupRole, GroupStatus } from '../groups/groups.enums';
import { User } from '../users/entities/user.entity';
import {
  loadGroupAreasAccess,
  loadPriorityAreaAccess,
  PriorityAreaAccess,
  takesPositions,
} from './consensus-access';
import { DECIDED_STATUSES, PositionValue, PriorityAreaStatus } from './consensus.enums';
import { positionsOf, positionSnapshotOf, positionTakers, upsertPosition } from './consensus.queries';
import {
  AdoptPriorityAreaDto,
  CreatePriorityAreaDto,
  ListPriorityAreasQueryDto,
  PriorityAreaDto,
  RecordPositionDto,
} from './dto/priority-area.dto';
import { PriorityArea } from './entities/priority-area.entity';
import './consensus.hooks';
import { areaSnapshot, tallyOf, toPriorityAreaDtos } from './priority-area-views';

/** Groups that deliberate: a proposed group has not started, a sunset or archived one has ended. */
const RUNNING: GroupStatus[] = [GroupStatus.Active, GroupStatus.UnderReview];

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

/** Priority areas and consensus by constituency (docs/consensus.md). */
@Injectable()
export class PriorityAreasService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly hooks: DomainHooks,
  ) {}

  async list(
    slug: string,
    query: ListPriorityAreasQueryDto,
    meta: RequestMeta,
  ): Promise<Page<PriorityAreaDto>> {
    const access = await loadGroupAreasAccess(this.em, slug, meta.user);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      PriorityArea,
      {
        $and: [
          { group: access.group.id, ...(query.status ? { status: query.status } : {}) },
          keysetAfter('createdAt', after, 'desc'),
        ],
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    const page = toPage(
      rows,
      limit,
      (a) => ({ key: a.createdAt.toISOString(), id: a.id }),
      (a) => a,
    );
    return { items: await toPriorityAreaDtos(this.em, access, page.items), nextCursor: page.nextCursor };
  }

  async get(id: string, meta: RequestMeta): Promise<PriorityAreaDto> {
    const access = await loadPriorityAreaAccess(this.em, id, meta.user);
    return this.answer(this.em, access);
  }

  async create(slug: string, dto: CreatePriorityAreaDto, meta: AuthenticatedMeta): Promise<PriorityAreaDto> {
    const closesAt = dto.closesAt ? new Date(dto.closesAt) : null;
    if (closesAt && closesAt.getTime() <= Date.now())
      throw ValidationError.single('closesAt', 'closesAt must be in the future');
    return this.em.transactional(async (em) => {
      const access = await loadGroupAreasAccess(em, slug, meta.user);
      requireGroupRole(access, GroupRole.Member, 'propose priority areas');
      assertGroupRunning(access);
      const area = em.create(PriorityArea, {
        group: access.group,
        title: dto.title,
        description: dto.description,
        closesAt,
        createdBy: meta.user.id,
      });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'priority_area.proposed',
        entityType: 'PriorityArea',
        entityId: area.id,
        after: areaSnapshot(area),
      });
      await this.hooks.runInTransaction('priority_area.proposed', em, {
        areaId: area.id,
        groupId: access.group.id,
        actorId: meta.user.id,
      });
      return this.answer(em, { ...access, area });
    });
  }

  /** Records or changes the caller's position; the area row is share-locked so an adoption waits for it. */
  async recordPosition(
    id: string,
    dto: RecordPositionDto,
    meta: AuthenticatedMeta,
  ): Promise<PriorityAreaDto> {
    if (dto.position === PositionValue.Object && isBlank(dto.reason))
      throw ValidationError.single('reason', 'an objection needs a reason');
    return this.em.transactional(async (em) => {
      const access = await loadPriorityAreaAccess(em, id, meta.user, { lock: 'share' });
      if (!takesPositions(access))
        throw groupRoleRequired(GroupRole.Member, 'take positions', { group: access.group.slug });
      assertGroupRunning(access);
      assertOpen(access.area);
      const snapshot = await positionSnapshotOf(em, meta.user.id);
      const reason = isBlank(dto.reason) ? null : dto.reason!;
      const { inserted } = await upsertPosition(em, {
        areaId: access.area.id,
        userId: meta.user.id,
        position: dto.position,
        reason,
        ...snapshot,
        now: new Date(),
      });
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'priority_area.position_recorded',
        entityType: 'PriorityArea',
        entityId: access.area.id,
        after: { userId: meta.user.id, position: dto.position, reason, ...snapshot, changed: !inserted },
      });
      return this.answer(em, access);
    });
  }

  /**
   * Adopts under the area row's FOR UPDATE lock, re-reading positions under it: a position recorded
   * concurrently either committed first (and is counted) or waits and then finds the area decided.
   */
  async adopt(id: string, dto: AdoptPriorityAreaDto, meta: AuthenticatedMeta): Promise<PriorityAreaDto> {
    return this.em.transactional(async (em) => {
      const access = await loadPriorityAreaAccess(em, id, meta.user, { lock: 'update' });
      requireGroupRole(access, GroupRole.Anchor, 'adopt priority areas');
      assertGroupRunning(access);
      const { area } = access;
      assertUndecided(area);
      const result = tallyOf(await positionsOf(em, [area.id]), await positionTakers(em, access.group.id));
      if (result.missingAgreement.length > 0) {
        throw new ConflictError(
          `Adoption needs at least one verified ${result.missingAgreement.map((c) => c.replace('_', '-')).join(' and ')} ` +
            '`agree` (a government and a civil-society member must both agree).',
          {
            code: 'priority_area.constituency_agreement_missing',
            params: { missing: result.missingAgreement },
          },
        );
      }
      if (result.openObjections > 0 && isBlank(dto.overrideReason)) {
        throw new ConflictError(
          `${result.openObjections} objection(s) are open; adopting over them needs an overrideReason.`,
          { code: 'priority_area.objection_open', params: { objections: result.openObjections } },
        );
      }
      const before = areaSnapshot(area);
      area.status = PriorityAreaStatus.Adopted;
      area.outcome = isBlank(dto.outcome) ? null : dto.outcome!;
      area.reviewOn = dto.reviewOn ?? null;
      area.overrideReason = isBlank(dto.overrideReason) ? null : dto.overrideReason!;
      area.adoptedAt = new Date();
      area.adoptedBy = ref(User, meta.user.id);
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'priority_area.adopted',
        entityType: 'PriorityArea',
        entityId: area.id,
        before,
        after: { ...areaSnapshot(area), tally: result.tally, unverified: result.unverified },
      });
      await this.hooks.runInTransaction('priority_area.adopted', em, {
        areaId: area.id,
        groupId: access.group.id,
        actorId: meta.user.id,
      });
      return this.answer(em, access);
    });
  }

  async retire(id: string, meta: AuthenticatedMeta): Promise<PriorityAreaDto> {
    return this.em.transactional(async (em) => {
      const access = await loadPriorityAreaAccess(em, id, meta.user, { lock: 'update' });
      requireGroupRole(access, GroupRole.Anchor, 'retire priority areas');
      const { area } = access;
      if (area.status !== PriorityAreaStatus.Adopted) {
        throw new ConflictError(`Only an adopted area can be retired; this one is ${area.status}.`, {
          code: 'priority_area.not_adopted',
          params: { status: area.status },
        });
      }
      const before = areaSnapshot(area);
      area.status = PriorityAreaStatus.Retired;
      area.retiredAt = new Date();
      area.retiredBy = ref(User, meta.user.id);
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'priority_area.retired',
        entityType: 'PriorityArea',
        entityId: area.id,
        before,
        after: areaSnapshot(area),
      });
      return this.answer(em, access);
    });
  }

  private async answer(em: EntityManager, access: PriorityAreaAccess): Promise<PriorityAreaDto> {
    const [dto] = await toPriorityAreaDtos(em, access, [access.area]);
    return dto;
  }
}

function assertGroupRunning(access: GroupAccess): void {
  if (!RUNNING.includes(access.group.status)) {
    throw new ConflictError(`A ${access.group.status} group does not deliberate on priority areas.`, {
      code: 'priority_area.group_not_running',
      params: { status: access.group.status },
    });
  }
}

function assertUndecided(area: PriorityArea): void {
  if (DECIDED_STATUSES.includes(area.status)) {
    throw new ConflictError(`This priority area is ${area.status}: decided areas are read-only.`, {
      code: 'priority_area.decided',
      params: { status: area.status },
    });
  }
}

function assertOpen(area: PriorityArea): void {
  assertUndecided(area);
  if (area.closesAt && area.closesAt.getTime() <= Date.now()) {
    throw new ConflictError('Positions on this priority area closed at its closesAt; they are frozen.', {
      code: 'priority_area.closed',
      params: { closesAt: area.closesAt.toISOString() },
    });
  }
}
