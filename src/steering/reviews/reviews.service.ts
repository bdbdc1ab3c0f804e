import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { DomainHooks } from '../../common/events/hooks';
import { ValidationError } from '../../common/errors/domain-error';
import {
  decodeCursor,
  keysetAfter,
  Page,
  pageSize,
  PaginationQueryDto,
  toPage,
} from '../../common/pagination/pagination';
import { GroupAccess, loadGroupAccess, requireGroupRole } from '../../groups/group-access';
import { GroupStatusPort } from '../../groups/group-status.port';
import { GroupRole, GroupStatus } from '../../groups/groups.enums';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { CreateReviewDto, DecideReviewDto, ReviewDto, SelfAssessmentDto } from './dto/review.dto';
import { Review } from './entities/review.entity';
import { computeGroupMetrics, ReviewMetrics } from './metrics.queries';
import { loadReviewAccess, requireCommittee } from './reviews-access';
import { ReviewDecision, ReviewStatus } from './reviews.enums';
import './reviews.hooks';
import {
  alreadyDecided,
  alreadyOpen,
  groupNotReviewable,
  mergeTargetInvalid,
  periodInvalid,
} from './reviews.errors';

const REVIEWABLE: GroupStatus[] = [GroupStatus.Active, GroupStatus.UnderReview];
/** Groups a group may merge into: still running. */
const MERGE_TARGETS: GroupStatus[] = [GroupStatus.Proposed, GroupStatus.Active, GroupStatus.UnderReview];

const DECISION_STATUS: Record<ReviewDecision, GroupStatus> = {
  [ReviewDecision.Continue]: GroupStatus.Active,
  [ReviewDecision.ReviseScope]: GroupStatus.Active,
  [ReviewDecision.Merge]: GroupStatus.Sunset,
  [ReviewDecision.Sunset]: GroupStatus.Sunset,
};

/** A calendar date as the UTC instant it starts at. */
export const utcMidnight = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** Steering Committee reviews of a group (docs/steering.md, "Reviews"). */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly groupStatus: GroupStatusPort,
    private readonly hooks: DomainHooks,
  ) {}

  /** Opens a review; an active group moves to under_review. The group row lock serialises openers. */
  async open(slug: string, dto: CreateReviewDto, meta: AuthenticatedMeta): Promise<ReviewDto> {
    return this.em.transactional(async (em) => {
      const { group } = await loadGroupAccess(em, slug, meta.user, { lock: true });
      requireCommittee(meta.user, 'open a review');
      if (dto.periodStart >= dto.periodEnd) throw periodInvalid();
      if (!REVIEWABLE.includes(group.status)) throw groupNotReviewable(group.status);
      const open = await em.findOne(Review, { group: group.id, status: ReviewStatus.Open });
      if (open) throw alreadyOpen(open.id);
      const review = em.create(Review, {
        group: group.id,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        openedBy: meta.user.id,
      });
      await em.flush();
      await this.groupStatus.move(em, meta, group, {
        to: GroupStatus.UnderReview,
        reason: 'Steering Committee review opened',
        context: { reviewId: review.id },
      });
      await this.audit.recordGroupChange(em, meta, group.id, {
        action: 'review.opened',
        entityType: 'Review',
        entityId: review.id,
        after: { periodStart: review.periodStart, periodEnd: review.periodEnd },
      });
      await this.hooks.runInTransaction('review.opened', em, {
        reviewId: review.id,
        groupId: group.id,
        periodStart: review.periodStart,
        periodEnd: review.periodEnd,
        actorId: meta.user.id,
      });
      return this.toDto(em, review, group);
    });
  }

  /** A group's reviews, newest first: for its active members and the stewards. */
  async list(slug: string, query: PaginationQueryDto, meta: AuthenticatedMeta): Promise<Page<ReviewDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    requireReaders(access);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'date') : undefined;
    const rows = await this.em.find(
      Review,
      { group: access.group.id, ...keysetAfter('createdAt', after, 'desc') },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1, populate: ['mergeInto'] },
    );
    // At most one review of a group is open: its live metrics cost one statement.
    const open = rows.find((r) => r.status === ReviewStatus.Open);
    const live = open ? await this.liveMetrics(this.em, open, access.group.id) : null;
    return toPage(
      rows,
      limit,
      (r) => ({ key: r.createdAt.toISOString(), id: r.id }),
      (r) => ReviewDto.from(r, access.group.slug, r === open ? live : null),
    );
  }

  async get(id: string, meta: AuthenticatedMeta): Promise<ReviewDto> {
    const { review, group } = await loadReviewAccess(this.em, id, meta.user);
    await this.em.populate(review, ['mergeInto']);
    return this.toDto(this.em, review, group);
  }

  /** The group's anchors submit (or replace) the self-assessment while the review is open. */
  async selfAssess(id: string, dto: SelfAssessmentDto, meta: AuthenticatedMeta): Promise<ReviewDto> {
    return this.em.transactional(async (em) => {
      const access = await loadReviewAccess(em, id, meta.user, { lock: true });
      requireGroupRole(access, GroupRole.Anchor, 'submit the self-assessment');
      const { review, group } = access;
      if (review.status !== ReviewStatus.Open) throw alreadyDecided(review.decision);
      review.selfAssessment = dto.text;
      review.selfAssessedBy = em.getReference(User, meta.user.id, { wrapped: true });
      review.selfAssessedAt = new Date();
      await em.flush();
      await this.audit.recordGroupChange(em, meta, group.id, {
        action: 'review.self_assessed',
        entityType: 'Review',
        entityId: review.id,
        after: { selfAssessment: review.selfAssessment },
      });
      return this.toDto(em, review, group);
    });
  }

  /**
   * Records the committee's assessment and decision, freezes the metrics and moves the group through the
   * groups context's port; a refusal there (e.g. `continue` without both anchor types) rolls everything back.
   */
  async decide(id: string, dto: DecideReviewDto, meta: AuthenticatedMeta): Promise<ReviewDto> {
    checkDecisionFields(dto);
    return this.em.transactional(async (em) => {
      const { review, group } = await loadReviewAccess(em, id, meta.user, { lock: true });
      requireCommittee(meta.user, 'decide a review');
      if (review.status !== ReviewStatus.Open) throw alreadyDecided(review.decision);
      const target = dto.decision === ReviewDecision.Merge ? await this.mergeTarget(em, group, dto) : null;
      const metrics = await this.liveMetrics(em, review, group.id);
      const context = {
        reviewId: review.id,
        decision: dto.decision,
        ...(target ? { mergedInto: target.slug } : {}),
      };
      if (dto.decision === ReviewDecision.ReviseScope && dto.revisedScope !== undefined) {
        await this.groupStatus.reviseScope(em, meta, group, dto.revisedScope, context);
      }
      await this.groupStatus.move(em, meta, group, {
        to: DECISION_STATUS[dto.decision],
        reason: dto.rationale,
        context,
      });
      Object.assign(review, {
        status: ReviewStatus.Decided,
        decision: dto.decision,
        rationale: dto.rationale,
        assessment: dto.assessment ?? null,
        revisedScope: dto.revisedScope ?? null,
        mergeInto: target ? em.getReference(WorkingGroup, target.id, { wrapped: true }) : null,
        decidedAt: new Date(),
        metrics,
      });
      review.decidedBy = em.getReference(User, meta.user.id, { wrapped: true });
      await em.flush();
      await this.audit.recordGroupChange(em, meta, group.id, {
        action: 'review.decided',
        entityType: 'Review',
        entityId: review.id,
        after: {
          decision: review.decision,
          rationale: review.rationale,
          assessment: review.assessment,
          mergeInto: target?.slug ?? null,
          revisedScope: review.revisedScope,
          metrics,
        },
      });
      return this.toDto(em, review, group, target);
    });
  }

  private async mergeTarget(
    em: EntityManager,
    group: WorkingGroup,
    dto: DecideReviewDto,
  ): Promise<WorkingGroup> {
    const target = await em.findOne(WorkingGroup, { slug: dto.mergeIntoSlug });
    if (!target) throw mergeTargetInvalid(`No group has the slug "${dto.mergeIntoSlug}".`);
    if (target.id === group.id) throw mergeTargetInvalid('A group cannot merge into itself.');
    if (!MERGE_TARGETS.includes(target.status)) {
      throw mergeTargetInvalid(`The group "${target.slug}" is ${target.status}; it cannot take a merge.`);
    }
    return target;
  }

  private liveMetrics(em: EntityManager, review: Review, groupId: string): Promise<ReviewMetrics> {
    return computeGroupMetrics(em, groupId, utcMidnight(review.periodStart), utcMidnight(review.periodEnd));
  }

  private async toDto(
    em: EntityManager,
    review: Review,
    group: WorkingGroup,
    mergeInto: WorkingGroup | null = null,
  ): Promise<ReviewDto> {
    const live = review.metrics ? null : await this.liveMetrics(em, review, group.id);
    const dto = ReviewDto.from(review, group.slug, live);
    if (mergeInto) dto.mergeInto = { slug: mergeInto.slug, name: mergeInto.name };
    return dto;
  }
}

function requireReaders(access: GroupAccess): void {
  requireGroupRole(access, GroupRole.Observer, 'read its reviews', { stewardsMayAct: true });
}

/** `mergeIntoSlug` belongs to `merge` and `revisedScope` to `revise_scope`, each required there, refused elsewhere. */
function checkDecisionFields(dto: DecideReviewDto): void {
  const errors = [];
  const merge = dto.decision === ReviewDecision.Merge;
  const revise = dto.decision === ReviewDecision.ReviseScope;
  if (merge && dto.mergeIntoSlug === undefined) {
    errors.push({ path: 'mergeIntoSlug', message: 'mergeIntoSlug is required for a merge' });
  }
  if (!merge && dto.mergeIntoSlug !== undefined) {
    errors.push({ path: 'mergeIntoSlug', message: 'mergeIntoSlug is only for a merge' });
  }
  if (revise && dto.revisedScope === undefined) {
    errors.push({ path: 'revisedScope', message: 'revisedScope is required for revise_scope' });
  }
  if (!revise && dto.revisedScope !== undefined) {
    errors.push({ path: 'revisedScope', message: 'revisedScope is only for revise_scope' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}
