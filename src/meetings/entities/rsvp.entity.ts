import { Entity, Enum, Index, ManyToOne, Property, type Ref, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { Meeting } from './meeting.entity';
import { RsvpStatus } from '../meetings.enums';

/**
 * One person's answer to one meeting. A `going` past capacity is waitlisted with a ticket from the meeting's
 * counter; the waitlist position is the rank of the ticket among those still waiting (so no gaps, no duplicates).
 */
@Entity()
@Unique({ properties: ['meeting', 'user'] })
@Index({ properties: ['meeting', 'status', 'waitlistTicket'] })
export class Rsvp extends BaseEntity<'waitlistTicket'> {
  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting!: Ref<Meeting>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Enum({ items: () => RsvpStatus, nativeEnumName: 'rsvp_status' })
  status!: RsvpStatus;

  /** Non-null while waitlisted (status `going` but no seat yet). */
  @Property({ type: 'integer', nullable: true })
  waitlistTicket: number | null = null;
}
