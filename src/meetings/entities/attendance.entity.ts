import { Entity, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { Meeting } from './meeting.entity';

/** Who actually joined the live session: first join and last time seen (a repeated join refreshes it). */
@Entity()
@Unique({ properties: ['meeting', 'user'] })
export class Attendance extends BaseEntity {
  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting!: Ref<Meeting>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'datetime' })
  firstJoinedAt!: Date;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;
}
