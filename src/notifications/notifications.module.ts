import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NOTIFICATION_ENTITIES } from './entities';
import { NotificationOutbox } from './notification-outbox';
import { SCHEDULED_TASKS } from './scheduled-task';
import { DocumentsProducer } from './producers/documents.producer';
import { MeetingsProducer } from './producers/meetings.producer';
import { SCHEDULED_TASK_PROVIDERS } from './scheduled/event-tasks';

/** Notifications: the outbox written by the changes' transactions, and its delivery (docs/notifications.md). */
@Module({
  imports: [MikroOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [NotificationOutbox, MeetingsProducer, DocumentsProducer, ...SCHEDULED_TASK_PROVIDERS],
  exports: [NotificationOutbox, SCHEDULED_TASKS],
})
export class NotificationsModule {}
