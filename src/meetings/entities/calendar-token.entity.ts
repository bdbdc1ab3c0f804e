import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A per-user secret for subscribing to members-only group calendars (calendar apps cannot send bearer tokens).
 * Only the SHA-256 of the token is stored. A user may hold several (one per device, with an optional label, at
 * most MAX_CALENDAR_TOKENS); each is revoked on its own.
 */
@Entity()
export class CalendarToken extends BaseEntity<'label'> {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The device or app it was issued for, as the user named it. */
  @Property({ type: 'string', length: 100, nullable: true })
  label: string | null = null;
}
