import {
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { User } from '../../users/entities/user.entity';
import { NotificationFrequency, NotificationKind } from '../notifications.enums';

/** A person's email frequency for one kind; no row means the kind's default (notification-kinds.ts). */
@Entity()
export class NotificationPreference {
  [PrimaryKeyProp]?: ['user', 'kind'];
  [OptionalProps]?: 'updatedAt';

  @ManyToOne(() => User, { ref: true, primary: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @PrimaryKey({ type: 'string', length: 64 })
  kind!: NotificationKind;

  @Property({ type: 'string', length: 16 })
  frequency!: NotificationFrequency;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
