import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { WorkingGroup } from '../../../groups/working-groups/entities/working-group.entity';
import { User } from '../../../users/entities/user.entity';
import { ReviewDecision, ReviewStatus } from '../reviews.enums';
import type { ReviewMetrics } from '../metrics.queries';

/**
 * The Steering Committee's review of one group for the period [periodStart, periodEnd) (calendar dates, UTC).
 * At most one review of a group is open at a time (partial unique index `review_one_open_per_group`). Metrics
 * are computed on read while it is open and frozen into `metrics` when it is decided.
 */
@Entity()
@Index({ properties: ['group', 'createdAt'] })
export class Review extends BaseEntity<
  | 'status'
  | 'selfAssessment'
  | 'selfAssessedBy'
  | 'selfAssessedAt'
  | 'assessment'
  | 'decision'
  | 'rationale'
  | 'mergeInto'
  | 'revisedScope'
  | 'decidedBy'
  | 'decidedAt'
  | 'metrics'
> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  /** First day of the period (inclusive), `YYYY-MM-DD`, midnight UTC. */
  @Property({ type: 'date' })
  periodStart!: string;

  /** Day after the period (exclusive), `YYYY-MM-DD`, midnight UTC. */
  @Property({ type: 'date' })
  periodEnd!: string;

  @Enum({ items: () => ReviewStatus, nativeEnumName: 'review_status' })
  status: ReviewStatus = ReviewStatus.Open;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  openedBy!: Ref<User>;

  /** The anchors' self-assessment (replaced by each submission until the review is decided). */
  @Property({ type: 'text', nullable: true })
  selfAssessment: string | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  selfAssessedBy: Ref<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  selfAssessedAt: Date | null = null;

  /** The committee's assessment, recorded with the decision. */
  @Property({ type: 'text', nullable: true })
  assessment: string | null = null;

  @Enum({ items: () => ReviewDecision, nativeEnumName: 'review_decision', nullable: true })
  decision: ReviewDecision | null = null;

  @Property({ type: 'text', nullable: true })
  rationale: string | null = null;

  /** `merge`: the group this one merges into. */
  @ManyToOne(() => WorkingGroup, { ref: true, nullable: true, deleteRule: 'set null' })
  mergeInto: Ref<WorkingGroup> | null = null;

  /** `revise_scope`: the revised scope (also written to the group's description). */
  @Property({ type: 'text', nullable: true })
  revisedScope: string | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  decidedBy: Ref<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /** Frozen at decision time; null while open (computed on read). */
  @Property({ type: 'json', nullable: true })
  metrics: ReviewMetrics | null = null;
}
