import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { Page } from '../../../common/pagination/pagination';
import { IsCalendarDate } from '../../../common/validation/dates';
import { OptionalNotNull } from '../../../common/validation/validators';
import { Review } from '../entities/review.entity';
import type { ReviewMetrics } from '../metrics.queries';
import { ReviewDecision, ReviewStatus } from '../reviews.enums';

const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const REVIEW_TEXT_MAX = 20_000;

export class CreateReviewDto {
  @ApiProperty({ example: '2026-01-01', description: 'first day of the period (inclusive, UTC)' })
  @IsCalendarDate()
  periodStart!: string;

  @ApiProperty({
    example: '2026-07-01',
    description: 'day after the period (exclusive, UTC); after periodStart',
  })
  @IsCalendarDate()
  periodEnd!: string;
}

export class SelfAssessmentDto {
  @ApiProperty({
    maxLength: REVIEW_TEXT_MAX,
    description: "the anchors' self-assessment (replaces the previous one)",
  })
  @Trim()
  @IsString()
  @Length(1, REVIEW_TEXT_MAX)
  text!: string;
}

export class DecideReviewDto {
  @ApiProperty({ enum: ReviewDecision, enumName: 'ReviewDecision' })
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @ApiProperty({ maxLength: REVIEW_TEXT_MAX })
  @Trim()
  @IsString()
  @Length(1, REVIEW_TEXT_MAX)
  rationale!: string;

  @ApiPropertyOptional({ maxLength: REVIEW_TEXT_MAX, description: "the committee's assessment of the group" })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, REVIEW_TEXT_MAX)
  assessment?: string;

  @ApiPropertyOptional({
    description: '`merge` only (required there): the slug of the group this one merges into',
  })
  @OptionalNotNull()
  @IsString()
  @Length(1, 80)
  @Matches(/^[a-z0-9-]+$/, { message: 'mergeIntoSlug must be a group slug' })
  mergeIntoSlug?: string;

  @ApiPropertyOptional({
    maxLength: 10_000,
    description:
      "`revise_scope` only (required there): the revised scope, written to the group's description",
  })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 10_000)
  revisedScope?: string;
}

export class ReviewMetricsDto implements ReviewMetrics {
  @ApiProperty({ description: 'concluded meetings starting in the period' }) meetingsHeld!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "held meetings' attendees / their confirmed going RSVPs (pooled); null without going RSVPs",
  })
  averageAttendanceRate!: number | null;
  @ApiProperty({ description: 'documents (not deleted) whose first version was stored in the period' })
  documentsPublished!: number;
  @ApiProperty({ description: 'memberships (any role) active at the end of the period' })
  activeMembers!: number;
  @ApiProperty({ description: 'messages posted in the period (deleted ones left out)' })
  messagesPosted!: number;
  @ApiProperty({ description: 'priority areas adopted in the period (a later retirement keeps the count)' })
  priorityAreasAdopted!: number;
  @ApiProperty({ description: 'commitments the group supports at the end of the period' })
  commitmentsSupported!: number;
  @ApiProperty({
    description: 'assistance requests open at the end of the period (asked, not closed or withdrawn)',
  })
  openAssistanceRequests!: number;
}

export class ReviewGroupRefDto {
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty({ example: '2026-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2026-07-01', description: 'exclusive' }) periodEnd!: string;
  @ApiProperty({ enum: ReviewStatus, enumName: 'ReviewStatus' }) status!: ReviewStatus;
  @ApiProperty({ format: 'uuid' }) openedBy!: string;
  @ApiProperty({ type: String, nullable: true }) selfAssessment!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) selfAssessedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) selfAssessedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) assessment!: string | null;
  @ApiProperty({ enum: ReviewDecision, enumName: 'ReviewDecision', nullable: true })
  decision!: ReviewDecision | null;
  @ApiProperty({ type: String, nullable: true }) rationale!: string | null;
  @ApiProperty({ type: ReviewGroupRefDto, nullable: true }) mergeInto!: ReviewGroupRefDto | null;
  @ApiProperty({ type: String, nullable: true }) revisedScope!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: Date | null;
  @ApiProperty({ type: ReviewMetricsDto, description: 'live while open, frozen at the decision' })
  metrics!: ReviewMetricsDto;
  @ApiProperty({ description: 'true once decided: the metrics no longer change' }) metricsFrozen!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;

  /** `liveMetrics` is used while the review is open; a decided review answers its frozen metrics. */
  static from(review: Review, groupSlug: string, liveMetrics: ReviewMetrics | null): ReviewDto {
    const merge = review.mergeInto?.getEntity() ?? null;
    const metrics = review.metrics ?? liveMetrics;
    if (!metrics) throw new Error(`Review ${review.id} has no metrics`);
    return {
      id: review.id,
      groupSlug,
      periodStart: review.periodStart,
      periodEnd: review.periodEnd,
      status: review.status,
      openedBy: review.openedBy.id,
      selfAssessment: review.selfAssessment,
      selfAssessedBy: review.selfAssessedBy?.id ?? null,
      selfAssessedAt: review.selfAssessedAt,
      assessment: review.assessment,
      decision: review.decision,
      rationale: review.rationale,
      mergeInto: merge ? { slug: merge.slug, name: merge.name } : null,
      revisedScope: review.revisedScope,
      decidedBy: review.decidedBy?.id ?? null,
      decidedAt: review.decidedAt,
      metrics,
      metricsFrozen: review.metrics !== null,
      createdAt: review.createdAt,
    };
  }
}

export class ReviewPageDto implements Page<ReviewDto> {
  @ApiProperty({ type: [ReviewDto], description: 'newest first' }) items!: ReviewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
