import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { User } from '../../users/entities/user.entity';
import { AssistanceKind, AssistanceStatus } from '../cooperation.enums';

/**
 * Peer exchange or technical assistance asked by a member organisation of a group, matched by anchors to an
 * offering member organisation. Read with SQL by the review metrics: keep the table and column names.
 */
@Entity({ tableName: 'assistance_request' })
@Index({ properties: ['group', 'createdAt'] })
export class AssistanceRequest extends BaseEntity<'offeringOrganization' | 'status' | 'closedAt'> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Enum({ items: () => AssistanceKind, nativeEnumName: 'assistance_kind' })
  kind!: AssistanceKind;

  @Property({ type: 'string', length: 200 })
  topic!: string;

  @Property({ type: 'text' })
  description!: string;

  @Index()
  @ManyToOne(() => Organization, { ref: true, deleteRule: 'restrict' })
  requestingOrganization!: Ref<Organization>;

  @Index()
  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'restrict' })
  offeringOrganization: Ref<Organization> | null = null;

  @Enum({ items: () => AssistanceStatus, nativeEnumName: 'assistance_status' })
  status: AssistanceStatus = AssistanceStatus.Open;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;

  /** When it reached an end: `closed` or `withdrawn`. */
  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;
}
