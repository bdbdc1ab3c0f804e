import { Entity, Enum, Index, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../../common/base.entity';
import { User } from '../../../users/entities/user.entity';
import { WorkingGroup } from '../../working-groups/entities/working-group.entity';
import { GroupRole, MembershipStatus } from '../../groups.enums';

@Entity()
@Unique({ properties: ['group', 'user'] })
@Index({ properties: ['group', 'status', 'role'] })
export class Membership extends BaseEntity<'role' | 'status' | 'approvedBy' | 'approvedAt' | 'invitedBy'> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Index()
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Enum({ items: () => GroupRole, nativeEnumName: 'group_role' })
  role: GroupRole = GroupRole.Member;

  @Enum({ items: () => MembershipStatus, nativeEnumName: 'membership_status' })
  status: MembershipStatus = MembershipStatus.Requested;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  approvedBy: Ref<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  approvedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  invitedBy: Ref<User> | null = null;
}
