import { NotificationFrequency, NotificationKind } from './notifications.enums';

const { Immediately, Daily } = NotificationFrequency;

/**
 * The email frequency a person gets for each kind until they choose (`GET/PUT /me/notification-preferences`):
 * what needs an answer or changes someone's plans goes out at once, news goes into the daily digest.
 * docs/notifications.md explains each choice; in-app, every notification is always kept.
 */
export const DEFAULT_FREQUENCY: Record<NotificationKind, NotificationFrequency> = {
  [NotificationKind.Mention]: Immediately,
  [NotificationKind.Reply]: Immediately,
  [NotificationKind.JoinRequested]: Immediately,
  [NotificationKind.JoinApproved]: Immediately,
  [NotificationKind.JoinRejected]: Immediately,
  [NotificationKind.Invited]: Immediately,
  [NotificationKind.MeetingScheduled]: Daily,
  [NotificationKind.MeetingMoved]: Immediately,
  [NotificationKind.MeetingCancelled]: Immediately,
  [NotificationKind.WaitlistPromoted]: Immediately,
  [NotificationKind.MeetingReminder]: Immediately,
  [NotificationKind.AgendaItemAccepted]: Daily,
  [NotificationKind.AgendaItemRejected]: Daily,
  [NotificationKind.MinutesPublished]: Daily,
  [NotificationKind.ActionItemAssigned]: Immediately,
  [NotificationKind.ActionItemDueTomorrow]: Immediately,
  [NotificationKind.ActionItemOverdue]: Daily,
  [NotificationKind.DocumentVersionAdded]: Daily,
  [NotificationKind.PriorityAreaOpened]: Daily,
  [NotificationKind.PriorityAreaClosingSoon]: Immediately,
  [NotificationKind.PriorityAreaAdopted]: Daily,
  [NotificationKind.ProposalDecided]: Immediately,
  [NotificationKind.ReviewOpened]: Immediately,
};
