import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';

/**
 * One login: the family of refresh tokens that rotate from it. Access tokens carry its id (`sid`), so revoking
 * the session (logout, reuse detected, password change, user disabled) also stops its access tokens.
 */
@Entity()
export class AuthSession {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'revokedReason';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Absolute expiry: rotation never extends a session past it. */
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  revokedReason: string | null = null;

  isActive(now = new Date()): boolean {
    return this.revokedAt === null && this.expiresAt > now;
  }
}
