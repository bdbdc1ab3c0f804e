import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NOTIFICATION_ENTITIES } from './entities';
import { NotificationOutbox } from './notification-outbox';

/** Notifications: the outbox written by the changes' transactions, and its delivery (docs/notifications.md). */
@Module({
  imports: [MikroOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [NotificationOutbox],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
