import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';

export enum GroupStatus {
  Proposed = 'proposed',
  Active = 'active',
  UnderReview = 'under_review',
  Sunset = 'sunset',
  Archived = 'archived',
}

export enum GroupVisibility {
  Public = 'public',
  Members = 'members',
}

export enum JoinPolicy {
  Open = 'open',
  Approval = 'approval',
}

@Entity()
export class WorkingGroup extends BaseEntity<'status' | 'visibility' | 'joinPolicy'> {
  /** Unique and stable: generated from the name, editable only while the group is proposed. */
  @Property({ type: 'string', length: 80, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** snake_case key such as `open_data` or `fiscal_openness`. */
  @Index()
  @Property({ type: 'string', length: 60 })
  theme!: string;

  @Property({ type: 'text' })
  description!: string;

  @Index()
  @Enum({ items: () => GroupStatus, nativeEnumName: 'group_status' })
  status: GroupStatus = GroupStatus.Proposed;

  @Enum({ items: () => GroupVisibility, nativeEnumName: 'group_visibility' })
  visibility: GroupVisibility = GroupVisibility.Public;

  @Enum({ items: () => JoinPolicy, nativeEnumName: 'join_policy' })
  joinPolicy: JoinPolicy = JoinPolicy.Approval;
}
