import { Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { CommitmentStatus } from '../cooperation.enums';

/**
 * An action-plan commitment a group supports. Read with SQL by the review metrics and the open-data export:
 * keep the table and column names (docs/cooperation.md). One per (group, country, cycle, reference), the
 * reference compared case-insensitively.
 */
@Entity({ tableName: 'commitment' })
@Index({ properties: ['group', 'createdAt'] })
@Unique({
  name: 'commitment_group_country_cycle_reference_unique',
  expression:
    'create unique index "commitment_group_country_cycle_reference_unique" on "commitment" ("group_id", "country", "cycle", lower("reference"))',
})
export class Commitment extends BaseEntity<'url' | 'supportingOrganization' | 'status'> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  /** ISO 3166-1 alpha-2, upper case. */
  @Property({ type: 'string', length: 2 })
  country!: string;

  /** `YYYY-YYYY` (dto/commitment.dto.ts, cycle.ts). */
  @Property({ type: 'string', length: 9 })
  cycle!: string;

  @Property({ type: 'string', length: 50 })
  reference!: string;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  url: string | null = null;

  @Index()
  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'set null' })
  supportingOrganization: Ref<Organization> | null = null;

  @Enum({ items: () => CommitmentStatus, nativeEnumName: 'commitment_status' })
  status: CommitmentStatus = CommitmentStatus.NotStarted;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;
}
