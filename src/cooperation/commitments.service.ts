import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { escapeLike } from '../common/sql';
import { decodeCursor, keysetAfter, Page, pageSize, toPage } from '../common/pagination/pagination';
import { GroupRole } from '../groups/groups.enums';
import { GroupAccess, loadGroupAccess, NOT_FOUND_GROUP, requireGroupRole } from '../groups/group-access';
import { Organization } from '../organizations/entities/organization.entity';
import { canReadCommitments, loadCommitmentAccess } from './cooperation-access';
import { CommitmentStatus } from './cooperation.enums';
import { duplicateCommitment, organizationUnknown, progressNotesFull } from './cooperation.errors';
import { commitmentSnapshot, toCommitmentDtos } from './cooperation-views';
import {
  CommitmentDto,
  CreateCommitmentDto,
  CreateProgressNoteDto,
  ListCommitmentsQueryDto,
  UpdateCommitmentDto,
} from './dto/commitment.dto';
import { Commitment } from './entities/commitment.entity';
import { CommitmentProgressNote } from './entities/commitment-progress-note.entity';

/** A commitment's answer carries every note; this bounds it (`commitment.progress_notes_full`). */
export const MAX_PROGRESS_NOTES = 100;

/** Anchors and stewards record and update (the managesGroup convention). */
const requireManager = (access: GroupAccess, action: string): void =>
  requireGroupRole(access, GroupRole.Anchor, action, { stewardsMayAct: true });

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The action-plan commitments a group supports: record, update, note progress, list. */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(slug: string, query: ListCommitmentsQueryDto, meta: RequestMeta): Promise<Page<CommitmentDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    if (!canReadCommitments(access)) throw new NotFoundError(NOT_FOUND_GROUP);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const where = {
      group: access.group.id,
      ...(query.country ? { country: query.country } : {}),
      ...(query.cycle ? { cycle: query.cycle } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const rows = await this.em.find(
      Commitment,
      { $and: [where, keysetAfter('createdAt', after, 'desc')] },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    const page = toPage(
      rows,
      limit,
      (c) => ({ key: c.createdAt.toISOString(), id: c.id }),
      (c) => c,
    );
    return {
      items: await toCommitmentDtos(this.em, page.items, access.group.slug),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string, meta: RequestMeta): Promise<CommitmentDto> {
    const access = await loadCommitmentAccess(this.em, id, meta.user);
    return (await toCommitmentDtos(this.em, [access.commitment], access.group.slug))[0];
  }

  async create(slug: string, dto: CreateCommitmentDto, meta: AuthenticatedMeta): Promise<CommitmentDto> {
    return this.em.transactional(async (em) => {
      const access = await loadGroupAccess(em, slug, meta.user);
      requireManager(access, 'record commitments');
      if (dto.supportingOrganizationId) {
        const org = await em.findOne(Organization, { id: dto.supportingOrganizationId });
        if (!org) throw organizationUnknown('supportingOrganizationId');
      }
      const clash = await em.count(Commitment, {
        group: access.group.id,
        country: dto.country,
        cycle: dto.cycle,
        reference: { $ilike: escapeLike(dto.reference) },
      });
      if (clash > 0) throw duplicateCommitment(dto.country, dto.cycle, dto.reference);
      const commitment = em.create(Commitment, {
        group: access.group.id,
        country: dto.country,
        cycle: dto.cycle,
        reference: dto.reference,
        title: dto.title,
        url: dto.url ?? null,
        supportingOrganization: dto.supportingOrganizationId ?? null,
        status: dto.status ?? CommitmentStatus.NotStarted,
        createdBy: meta.user.id,
      });
      try {
        await em.flush();
      } catch (error) {
        // A concurrent insert of the same commitment passed the check above; the unique index refused it.
        if (error instanceof UniqueConstraintViolationException) {
          throw duplicateCommitment(dto.country, dto.cycle, dto.reference);
        }
        throw error;
      }
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'commitment.created',
        entityType: 'Commitment',
        entityId: commitment.id,
        after: commitmentSnapshot(commitment),
      });
      return (await toCommitmentDtos(em, [commitment], access.group.slug))[0];
    });
  }

  async update(id: string, dto: UpdateCommitmentDto, meta: AuthenticatedMeta): Promise<CommitmentDto> {
    return this.em.transactional(async (em) => {
      const access = await loadCommitmentAccess(em, id, meta.user, { lock: true });
      requireManager(access, 'update commitments');
      const { commitment } = access;
      const before = commitmentSnapshot(commitment);
      if (dto.status !== undefined) commitment.status = dto.status;
      if (dto.title !== undefined) commitment.title = dto.title;
      if (dto.url !== undefined) commitment.url = dto.url;
      // Nothing changed (an empty body, or the values it already had): no write, no audit event.
      if (JSON.stringify(commitmentSnapshot(commitment)) === JSON.stringify(before)) {
        return (await toCommitmentDtos(em, [commitment], access.group.slug))[0];
      }
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'commitment.updated',
        entityType: 'Commitment',
        entityId: commitment.id,
        before,
        after: commitmentSnapshot(commitment),
      });
      return (await toCommitmentDtos(em, [commitment], access.group.slug))[0];
    });
  }

  async addProgressNote(
    id: string,
    dto: CreateProgressNoteDto,
    meta: AuthenticatedMeta,
  ): Promise<CommitmentDto> {
    return this.em.transactional(async (em) => {
      // The row lock makes the count below and the insert one step (docs/architecture.md, "Lock order").
      const access = await loadCommitmentAccess(em, id, meta.user, { lock: true });
      requireManager(access, 'note progress on commitments');
      const { commitment } = access;
      if ((await em.count(CommitmentProgressNote, { commitment: commitment.id })) >= MAX_PROGRESS_NOTES) {
        throw progressNotesFull(MAX_PROGRESS_NOTES);
      }
      const note = em.create(CommitmentProgressNote, {
        commitment: commitment.id,
        date: dto.date ?? todayUtc(),
        note: dto.note,
        author: meta.user.id,
      });
      commitment.updatedAt = new Date();
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'commitment.progress_noted',
        entityType: 'Commitment',
        entityId: commitment.id,
        after: { progressNoteId: note.id, date: note.date, note: note.note, status: commitment.status },
      });
      return (await toCommitmentDtos(em, [commitment], access.group.slug))[0];
    });
  }
}
