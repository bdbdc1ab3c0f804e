import { Notification } from './notification.entity';
import { NotificationDigest } from './notification-digest.entity';
import { NotificationPreference } from './notification-preference.entity';

export const NOTIFICATION_ENTITIES = [Notification, NotificationPreference, NotificationDigest];
