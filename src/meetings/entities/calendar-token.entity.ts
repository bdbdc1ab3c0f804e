import { Entity, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A per-user secret for subscribing to members-only group calendars (calendar apps cannot send bearer tokens).
 * Only the SHA-256 of the token is stored; issuing a new one replaces the old.
 */
@Entity()
export class CalendarToken extends BaseEntity {
  @OneToOne(() => User, { ref: true, owner: true, unique: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;
}
