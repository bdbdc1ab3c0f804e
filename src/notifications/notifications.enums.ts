/**
 * What a notification is about (docs/notifications.md says who is told of each). Stored as text, so adding a kind
 * needs no migration; a kind's string never changes once released (clients and preferences name it).
 */
export enum NotificationKind {
  Mention = 'mention',
  Reply = 'reply',
  JoinRequested = 'join_requested',
  JoinApproved = 'join_approved',
  JoinRejected = 'join_rejected',
  Invited = 'invited',
  MeetingScheduled = 'meeting_scheduled',
  MeetingMoved = 'meeting_moved',
  MeetingCancelled = 'meeting_cancelled',
  WaitlistPromoted = 'waitlist_promoted',
  MeetingReminder = 'meeting_reminder',
  AgendaItemAccepted = 'agenda_item_accepted',
  AgendaItemRejected = 'agenda_item_rejected',
  MinutesPublished = 'minutes_published',
  ActionItemAssigned = 'action_item_assigned',
  ActionItemDueTomorrow = 'action_item_due_tomorrow',
  ActionItemOverdue = 'action_item_overdue',
  DocumentVersionAdded = 'document_version_added',
  PriorityAreaOpened = 'priority_area_opened',
  PriorityAreaClosingSoon = 'priority_area_closing_soon',
  PriorityAreaAdopted = 'priority_area_adopted',
  ProposalDecided = 'proposal_decided',
  ReviewOpened = 'review_opened',
}

/** How a person wants to be emailed about one kind of notification (in-app always holds every notification). */
export enum NotificationFrequency {
  Off = 'off',
  Immediately = 'immediately',
  Daily = 'daily',
  Weekly = 'weekly',
}

/** What a notification points at (`subject: { type, id }` in its answer). */
export enum NotificationSubjectType {
  Message = 'message',
  Membership = 'membership',
  Meeting = 'meeting',
  AgendaItem = 'agenda_item',
  Minutes = 'minutes',
  ActionItem = 'action_item',
  Document = 'document',
  PriorityArea = 'priority_area',
  Proposal = 'proposal',
  Review = 'review',
}

/** The two digest rhythms: daily at 08:00 in the person's zone, weekly on Monday at 08:00. */
export enum DigestCadence {
  Daily = 'daily',
  Weekly = 'weekly',
}

/** A digest is made (its notifications marked) first, then sent; `pending` ones are retried until sent. */
export enum DigestStatus {
  Pending = 'pending',
  Sent = 'sent',
}
