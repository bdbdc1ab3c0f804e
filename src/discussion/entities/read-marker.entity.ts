import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';
import { Channel } from './channel.entity';

/** How far one user has read one channel; only ever moves forward. */
@Entity()
@Unique({ properties: ['user', 'channel'] })
export class ReadMarker {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @ManyToOne(() => Channel, { ref: true, deleteRule: 'cascade' })
  channel!: Ref<Channel>;

  @Property({ type: 'integer' })
  lastReadSeq: number = 0;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
