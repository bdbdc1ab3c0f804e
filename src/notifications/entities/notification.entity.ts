import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { User } from '../../users/entities/user.entity';
import { NotificationFrequency, NotificationKind, NotificationSubjectType } from '../notifications.enums';

/**
 * One thing one person is told: the transactional outbox. Rows are written in the transaction of the change that
 * causes them (never from an in-memory event), so a committed change has its notifications and a rolled-back one
 * has none. Delivery (live push, email now, digests) reads these rows and records what it did on them, so a
 * delivery job that runs twice finds the work already done.
 */
@Entity()
@Index({ properties: ['recipient', 'createdAt', 'id'] })
@Unique({ properties: ['recipient', 'dedupeKey'] })
// The unread badge counts these rows only.
@Index({
  name: 'notification_unread_idx',
  expression:
    'create index "notification_unread_idx" on "notification" ("recipient_id") where "read_at" is null',
})
// Email delivery scans what is still to send.
@Index({
  name: 'notification_email_pending_idx',
  expression: `create index "notification_email_pending_idx" on "notification" ("email_mode", "created_at") where "emailed_at" is null and "email_mode" <> 'off'`,
})
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  recipient!: Ref<User>;

  @Property({ type: 'string', length: 64 })
  kind!: NotificationKind;

  /** The group it happened in (null for platform matters, e.g. a proposal before it became a group). */
  @ManyToOne(() => WorkingGroup, { ref: true, nullable: true, deleteRule: 'cascade' })
  group: Ref<WorkingGroup> | null = null;

  @Property({ type: 'string', length: 32 })
  subjectType!: NotificationSubjectType;

  @Property({ type: 'uuid' })
  subjectId!: string;

  /** Who caused it (null: the system, e.g. a reminder); never the recipient. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  actor: Ref<User> | null = null;

  /** What rendering needs, captured at the time (e.g. the meeting's title and start): no secrets, no emails. */
  @Property({ type: 'json' })
  params: Record<string, string | number | boolean | null> = {};

  /**
   * Makes a notification that must never be made twice idempotent per recipient (a reminder: `reminder:<meeting>:
   * <sequence>:24h`). Null for ordinary events, which the unique index ignores.
   */
  @Property({ type: 'string', length: 200, nullable: true })
  dedupeKey: string | null = null;

  /** The recipient's email preference for this kind when it was made: the email path follows it. */
  @Property({ type: 'string', length: 16 })
  emailMode!: NotificationFrequency;

  /** When its email went out, alone or in a digest (null: not yet, or never for `off`). */
  @Property({ type: 'datetime', nullable: true })
  emailedAt: Date | null = null;

  /** The digest that carried it (null: none yet). */
  @Property({ type: 'uuid', nullable: true })
  digestId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;
}
