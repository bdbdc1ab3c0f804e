import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';
import { DigestCadence, DigestStatus } from '../notifications.enums';

/**
 * One digest email: made (with its notifications marked `digest_id`) in one transaction, sent afterwards. A digest
 * row that is still `pending` after a crash is sent by the next sweep, so marking and sending cannot drift apart;
 * `(user, cadence, slot_at)` is unique, so two runs of one slot make one digest.
 */
@Entity()
@Unique({ properties: ['user', 'cadence', 'slotAt'] })
@Index({
  name: 'notification_digest_pending_idx',
  expression: `create index "notification_digest_pending_idx" on "notification_digest" ("created_at") where "status" = 'pending'`,
})
export class NotificationDigest {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 16 })
  cadence!: DigestCadence;

  /** The 08:00 (Monday 08:00 for weekly) in the user's zone that this digest is for; it carries what came before. */
  @Property({ type: 'datetime' })
  slotAt!: Date;

  /** The zone the slot was computed in (a later zone change starts a new slot; nothing is lost or repeated). */
  @Property({ type: 'string', length: 64 })
  timeZone!: string;

  @Property({ type: 'string', length: 16 })
  status: DigestStatus = DigestStatus.Pending;

  @Property({ type: 'integer' })
  itemCount!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;
}
