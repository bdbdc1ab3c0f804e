import { Entity, Enum, ManyToOne, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { User } from '../../users/entities/user.entity';
import { Constituency, PositionValue } from '../consensus.enums';
import { PriorityArea } from './priority-area.entity';

/**
 * One member's current position on a priority area (one row per area and member, changed in place). The
 * constituency and whether the affiliation was verified are snapshots taken when the position was recorded.
 * Written by an upsert (consensus.queries.ts); read with SQL by the review metrics and open data.
 */
@Entity({ tableName: 'priority_area_position' })
export class PriorityAreaPosition {
  [PrimaryKeyProp]?: ['priorityArea', 'user'];

  @ManyToOne(() => PriorityArea, { ref: true, primary: true, deleteRule: 'cascade' })
  priorityArea!: Ref<PriorityArea>;

  @ManyToOne(() => User, { ref: true, primary: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Enum({ items: () => PositionValue, nativeEnumName: 'priority_position' })
  position!: PositionValue;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Enum({ items: () => Constituency, nativeEnumName: 'constituency' })
  constituency!: Constituency;

  @Property({ type: 'boolean' })
  affiliationVerified!: boolean;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
