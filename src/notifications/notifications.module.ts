import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { DiscussionModule } from '../discussion/discussion.module';
import { NOTIFICATION_ENTITIES } from './entities';
import { EmailDelivery } from './email/email-delivery';
import { Mailer } from './email/mailer';
import { NotificationClock } from './email/notification-clock';
import { Translator } from './i18n/translator';
import { InAppNotificationsService } from './inapp-notifications.service';
import { NotificationListener } from './live/notification-listener';
import { NotificationOutbox } from './notification-outbox';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationJobs } from './queue/notification-jobs';
import { MembershipNotifications } from './producers/membership-notifications';
import { MessageNotifications } from './producers/message-notifications';
import { SCHEDULED_TASKS } from './scheduled-task';
import { DocumentsProducer } from './producers/documents.producer';
import { GovernanceProducer } from './producers/governance.producer';
import { MeetingsProducer } from './producers/meetings.producer';
import { SCHEDULED_TASK_PROVIDERS } from './scheduled/event-tasks';

/** Notifications: the outbox written by the changes' transactions, and its delivery (docs/notifications.md). */
@Module({
  imports: [MikroOrmModule.forFeature(NOTIFICATION_ENTITIES), DiscussionModule],
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [
    NotificationOutbox,
    Translator,
    InAppNotificationsService,
    NotificationListener,
    MembershipNotifications,
    MessageNotifications,
    MeetingsProducer,
    DocumentsProducer,
    GovernanceProducer,
    ...SCHEDULED_TASK_PROVIDERS,
    NotificationClock,
    Mailer,
    EmailDelivery,
    NotificationJobs,
    NotificationPreferencesService,
  ],
  exports: [NotificationOutbox, SCHEDULED_TASKS],
})
export class NotificationsModule {}
