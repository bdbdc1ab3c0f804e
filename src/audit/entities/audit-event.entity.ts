import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * Append-only (a database trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained per scope:
 * `platform` or `group:<id>`, so groups never contend for one chain.
 */
@Entity()
@Unique({ properties: ['scope', 'seq'] })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 80 })
  scope!: string;

  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string', length: 80 })
  action!: string;

  @Property({ type: 'string', length: 60 })
  entityType!: string;

  @Property({ type: 'string', length: 80 })
  entityId!: string;

  @Property({ type: 'json', nullable: true })
  before: Record<string, unknown> | null = null;

  @Property({ type: 'json', nullable: true })
  after: Record<string, unknown> | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  prevHash: string | null = null;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
