import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { PlatformRole } from '../../common/auth/platform-role.enums';

@Entity()
export class User extends BaseEntity<
  | 'organization'
  | 'role'
  | 'locale'
  | 'timeZone'
  | 'disabled'
  | 'affiliationVerifiedAt'
  | 'affiliationVerifiedBy'
> {
  /** Stored lower-cased: uniqueness is case-insensitive. */
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  /** argon2id; `hidden` keeps it out of any accidental serialisation. */
  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash!: string;

  @ManyToOne(() => Organization, { nullable: true, ref: true })
  organization: Ref<Organization> | null = null;

  /**
   * When an admin or a verified contact of the organisation confirmed the affiliation; null while it is only
   * self-declared. Changing organisation clears it (docs/decisions/0012-verified-affiliations-and-priority-areas.md).
   */
  @Property({ type: 'datetime', nullable: true })
  affiliationVerifiedAt: Date | null = null;

  @ManyToOne(() => User, { nullable: true, ref: true, deleteRule: 'set null' })
  affiliationVerifiedBy: Ref<User> | null = null;

  @Enum({ items: () => PlatformRole, nativeEnumName: 'platform_role' })
  role: PlatformRole = PlatformRole.Member;

  @Property({ type: 'string', length: 35 })
  locale: string = 'en';

  @Property({ type: 'string', length: 64 })
  timeZone: string = 'UTC';

  @Property({ type: 'boolean' })
  disabled: boolean = false;
}
