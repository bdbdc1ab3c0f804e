import { ArrayType, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity';
import { User } from '../../users/entities/user.entity';
import { Meeting } from './meeting.entity';
import { AgendaItemStatus } from '../meetings.enums';

@Entity()
@Index({ properties: ['meeting', 'position'] })
export class AgendaItem extends BaseEntity<'description' | 'presenter' | 'documentIds' | 'status'> {
  @ManyToOne(() => Meeting, { ref: true, deleteRule: 'cascade' })
  meeting!: Ref<Meeting>;

  /** Order within the meeting (1-based, rewritten by `PUT /meetings/:id/agenda-order`). */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  presenter: Ref<User> | null = null;

  /** Ids of documents in the group (the documents context validates them once it exists). */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  documentIds: string[] = [];

  @Enum({ items: () => AgendaItemStatus, nativeEnumName: 'agenda_item_status' })
  status: AgendaItemStatus = AgendaItemStatus.Proposed;

  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  proposedBy!: Ref<User>;
}
