import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { User } from '../../users/entities/user.entity';
import { Channel } from './channel.entity';
import { Message } from './message.entity';

/**
 * One mention of a user by someone else in a live message: the index `GET /me/unread` counts from, by user,
 * channel and seq, so counting mentions after a read marker reads only those rows. Written by database triggers
 * on `message` (insert, and update of `mentions`: an edit re-resolves them, a delete empties them), never by the
 * application, so the send path is unchanged. Migration20261201104000_message_mention_sql holds the triggers.
 */
@Entity()
export class MessageMention {
  [PrimaryKeyProp]?: ['user', 'channel', 'seq'];

  @ManyToOne(() => User, { ref: true, primary: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @ManyToOne(() => Channel, { ref: true, primary: true, deleteRule: 'cascade' })
  channel!: Ref<Channel>;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Index()
  @ManyToOne(() => Message, { ref: true, deleteRule: 'cascade' })
  message!: Ref<Message>;
}
