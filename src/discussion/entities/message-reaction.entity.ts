import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../../users/entities/user.entity';
import { Message } from './message.entity';

@Entity()
@Unique({ properties: ['message', 'user', 'emoji'] })
export class MessageReaction {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Message, { ref: true, deleteRule: 'cascade' })
  message!: Ref<Message>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 32 })
  emoji!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
