import { Entity, Enum, Index, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { Meeting } from './meeting.entity';
import { ActionItemStatus, MinutesStatus } from '../meetings.enums';

@Entity()
export class Minutes extends BaseEntity<'status' | 'publishedAt' | 'publishedBy' | 'decisions'> {
  @OneToOne(() => Meeting, { ref: true, owner: true, unique: true, deleteRule: 'cascade' })
  meeting!: Ref<Meeting>;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'json' })
  decisions: string[] = [];

  @Enum({ items: () => MinutesStatus, nativeEnumName: 'minutes_status' })
  status: MinutesStatus = MinutesStatus.Draft;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  publishedBy: Ref<User> | null = null;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  updatedBy!: Ref<User>;
}

@Entity()
@Index({ properties: ['assignee', 'status', 'dueDate'] })
export class ActionItem extends BaseEntity<'status'> {
  @ManyToOne(() => Minutes, { ref: true, deleteRule: 'cascade' })
  minutes!: Ref<Minutes>;

  /** Denormalised for authorization without walking minutes → meeting → group. */
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  assignee!: Ref<User>;

  /** A calendar date (YYYY-MM-DD), not an instant. */
  @Property({ type: 'date' })
  dueDate!: string;

  @Enum({ items: () => ActionItemStatus, nativeEnumName: 'action_item_status' })
  status: ActionItemStatus = ActionItemStatus.Open;
}
