import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { DiscussionModule } from '../discussion/discussion.module';
import { NOTIFICATION_ENTITIES } from './entities';
import { Translator } from './i18n/translator';
import { InAppNotificationsService } from './inapp-notifications.service';
import { NotificationListener } from './live/notification-listener';
import { NotificationOutbox } from './notification-outbox';
import { NotificationsController } from './notifications.controller';
import { MembershipNotifications } from './producers/membership-notifications';
import { MessageNotifications } from './producers/message-notifications';

/** Notifications: the outbox written by the changes' transactions, and its delivery (docs/notifications.md). */
@Module({
  imports: [MikroOrmModule.forFeature(NOTIFICATION_ENTITIES), DiscussionModule],
  controllers: [NotificationsController],
  providers: [
    NotificationOutbox,
    Translator,
    InAppNotificationsService,
    NotificationListener,
    MembershipNotifications,
    MessageNotifications,
  ],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
