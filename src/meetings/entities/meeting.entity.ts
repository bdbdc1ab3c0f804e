import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { MeetingFormat, MeetingStatus } from '../meetings.enums';

/** A session of a working group. Instants are stored in UTC; `timeZone` is the zone people meet in. */
@Entity()
@Index({ properties: ['group', 'startsAt'] })
export class Meeting extends BaseEntity<
  | 'description'
  | 'location'
  | 'onlineUrl'
  | 'capacity'
  | 'status'
  | 'sequence'
  | 'statusReason'
  | 'waitlistCounter'
> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => MeetingFormat, nativeEnumName: 'meeting_format' })
  format!: MeetingFormat;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'string', length: 500, nullable: true })
  location: string | null = null;

  /** Shown only to active members of the group and stewards. */
  @Property({ type: 'string', length: 2000, nullable: true })
  onlineUrl: string | null = null;

  /** Confirmed (`going`, not waitlisted) seats; null = unlimited. */
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Index()
  @Enum({ items: () => MeetingStatus, nativeEnumName: 'meeting_status' })
  status: MeetingStatus = MeetingStatus.Draft;

  /** Why the meeting was cancelled (or the last status reason given). */
  @Property({ type: 'string', length: 1000, nullable: true })
  statusReason: string | null = null;

  /** Bumped on every change of the meeting itself; the ICS `SEQUENCE`, so calendar clients apply updates. */
  @Property({ type: 'integer' })
  sequence: number = 0;

  /** Hands out waitlist tickets in arrival order (incremented under the meeting row lock). */
  @Property({ type: 'integer' })
  waitlistCounter: number = 0;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  createdBy!: Ref<User>;

  lengthMinutes(): number {
    return Math.round((this.endsAt.getTime() - this.startsAt.getTime()) / 60_000);
  }
}
