import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { PriorityAreaStatus } from '../consensus.enums';

/**
 * A priority area a group seeks consensus on (docs/consensus.md). The table and its columns are read with SQL by
 * the review metrics and the open-data export: keep their names.
 */
@Entity({ tableName: 'priority_area' })
@Index({ properties: ['group', 'createdAt'] })
export class PriorityArea extends BaseEntity<
  | 'status'
  | 'closesAt'
  | 'outcome'
  | 'overrideReason'
  | 'reviewOn'
  | 'adoptedAt'
  | 'adoptedBy'
  | 'retiredAt'
  | 'retiredBy'
> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: () => PriorityAreaStatus, nativeEnumName: 'priority_area_status' })
  status: PriorityAreaStatus = PriorityAreaStatus.Proposed;

  /** After this instant positions are frozen. */
  @Property({ type: 'datetime', nullable: true })
  closesAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  outcome: string | null = null;

  /** Why the area was adopted over open objections (recorded and shown with the area). */
  @Property({ type: 'text', nullable: true })
  overrideReason: string | null = null;

  /** ISO calendar date (YYYY-MM-DD) on which the group means to review the adopted area. */
  @Property({ type: 'date', nullable: true })
  reviewOn: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  adoptedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  adoptedBy: Ref<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  retiredAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  retiredBy: Ref<User> | null = null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;
}
