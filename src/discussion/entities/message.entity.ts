import {
  ArrayType,
  Entity,
  OptionalProps,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  Unique,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';
import { Channel } from './channel.entity';

export interface MessageEditRecord {
  /** The body before this edit. */
  body: string;
  editedAt: string;
}

/**
 * One chat message. The table is its own append-only log: posting writes no audit event. A delete keeps the row
 * (id, seq) as a tombstone with a null body, so replay by seq never shows a gap.
 */
@Entity()
@Unique({ properties: ['channel', 'seq'] })
@Unique({ properties: ['channel', 'author', 'clientMessageId'] })
export class Message {
  [OptionalProps]?: 'parent' | 'mentions' | 'edits' | 'createdAt' | 'editedAt' | 'deletedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Channel, { ref: true, deleteRule: 'cascade' })
  channel!: Ref<Channel>;

  @Property({ type: 'integer' })
  seq!: number;

  @Index()
  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Property({ type: 'text', nullable: true })
  body!: string | null;

  @Index()
  @ManyToOne(() => Message, { ref: true, nullable: true, deleteRule: 'set null' })
  parent: Ref<Message> | null = null;

  /** Ids of active group members named with `@displayName` in the body. */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  mentions: string[] = [];

  /** Idempotency key chosen by the sender: a retry with the same key returns the first message. */
  @Property({ type: 'string', length: 100 })
  clientMessageId!: string;

  /** Earlier bodies, oldest first. */
  @Property({ type: 'json' })
  edits: MessageEditRecord[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  editedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;
}
