import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NOTIFICATION_ENTITIES } from './entities';
import { EmailDelivery } from './email/email-delivery';
import { Mailer } from './email/mailer';
import { NotificationClock } from './email/notification-clock';
import { NotificationOutbox } from './notification-outbox';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationJobs } from './queue/notification-jobs';

/** Notifications: the outbox written by the changes' transactions, and its delivery (docs/notifications.md). */
@Module({
  imports: [MikroOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  controllers: [NotificationPreferencesController],
  providers: [
    NotificationOutbox,
    NotificationClock,
    Mailer,
    EmailDelivery,
    NotificationJobs,
    NotificationPreferencesService,
  ],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
