import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { GovernmentLevel, OrganizationKind } from '../organizations.enums';

@Entity()
@Unique({
  name: 'organization_name_lower_unique',
  expression: 'create unique index "organization_name_lower_unique" on "organization" (lower("name"))',
})
export class Organization extends BaseEntity<'country' | 'level' | 'website'> {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Index()
  @Property({ type: 'string', length: 2, nullable: true })
  country: string | null = null;

  @Enum({ items: () => GovernmentLevel, nativeEnumName: 'government_level', nullable: true })
  level: GovernmentLevel | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  website: string | null = null;
}
