import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { WorkingGroup } from '../../groups/working-groups/entities/working-group.entity';
import { ChannelKind } from '../discussion.enums';

/**
 * A conversation space of one group. `lastSeq` is the per-channel sequence counter: a sender increments it in
 * the same transaction that inserts the message, so the row lock serialises senders of one channel and a rollback
 * also rolls the counter back (no gaps among committed messages).
 */
@Entity()
@Index({ properties: ['group', 'kind'] })
export class Channel extends BaseEntity<'readOnly' | 'restricted' | 'lastSeq' | 'meetingId'> {
  @ManyToOne(() => WorkingGroup, { ref: true, deleteRule: 'cascade' })
  group!: Ref<WorkingGroup>;

  @Enum({ items: () => ChannelKind, nativeEnumName: 'channel_kind' })
  kind!: ChannelKind;

  @Property({ type: 'string', length: 120 })
  name!: string;

  /** Set for a meeting's live channel only; one channel per meeting. */
  @Property({ type: 'uuid', nullable: true, unique: true })
  meetingId: string | null = null;

  /**
   * Accepts no new posts, edits or reactions (stays readable): a meeting channel whose meeting is not scheduled
   * or live (draft, concluded, cancelled).
   */
  @Property({ type: 'boolean' })
  readOnly: boolean = false;

  /**
   * Visible only to those who may see draft meetings (the group's anchors, stewards): the channel of a meeting
   * that was never announced (draft, or cancelled while a draft). Always read-only as well.
   */
  @Property({ type: 'boolean', default: false })
  restricted: boolean = false;

  @Property({ type: 'integer' })
  lastSeq: number = 0;
}
