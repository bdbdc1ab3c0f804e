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

/**
 * The `params` each kind carries (captured when it is made; rendering in-app titles, emails and digests reads
 * only these and the actor's display name). Instants are ISO 8601 UTC strings; `timeZone` is the meeting's zone.
 */
export interface NotificationParamsByKind {
  [NotificationKind.Mention]: { groupName: string; channelName: string; excerpt: string };
  [NotificationKind.Reply]: { groupName: string; channelName: string; excerpt: string };
  [NotificationKind.JoinRequested]: { groupName: string; requesterName: string };
  [NotificationKind.JoinApproved]: { groupName: string };
  [NotificationKind.JoinRejected]: { groupName: string };
  [NotificationKind.Invited]: { groupName: string; role: string };
  [NotificationKind.MeetingScheduled]: MeetingParams;
  [NotificationKind.MeetingMoved]: MeetingParams & { previousStartsAt: string };
  [NotificationKind.MeetingCancelled]: MeetingParams & { reason: string | null };
  [NotificationKind.WaitlistPromoted]: MeetingParams;
  [NotificationKind.MeetingReminder]: MeetingParams & { lead: '24h' | '1h' };
  [NotificationKind.AgendaItemAccepted]: { groupName: string; meetingTitle: string; itemTitle: string };
  [NotificationKind.AgendaItemRejected]: { groupName: string; meetingTitle: string; itemTitle: string };
  [NotificationKind.MinutesPublished]: { groupName: string; meetingTitle: string };
  [NotificationKind.ActionItemAssigned]: ActionItemParams;
  [NotificationKind.ActionItemDueTomorrow]: ActionItemParams;
  [NotificationKind.ActionItemOverdue]: ActionItemParams;
  [NotificationKind.DocumentVersionAdded]: {
    groupName: string;
    documentTitle: string;
    versionNumber: number;
  };
  [NotificationKind.PriorityAreaOpened]: { groupName: string; areaTitle: string; closesAt: string | null };
  [NotificationKind.PriorityAreaClosingSoon]: { groupName: string; areaTitle: string; closesAt: string };
  [NotificationKind.PriorityAreaAdopted]: { groupName: string; areaTitle: string };
  [NotificationKind.ProposalDecided]: { proposalName: string; decision: string };
  /** `periodEnd`: the period's LAST day (inclusive), the review's exclusive `periodEnd` minus one day. */
  [NotificationKind.ReviewOpened]: { groupName: string; periodStart: string; periodEnd: string };
}

interface MeetingParams {
  groupName: string;
  meetingTitle: string;
  startsAt: string;
  timeZone: string;
}

interface ActionItemParams {
  groupName: string;
  meetingTitle: string;
  itemTitle: string;
  /** YYYY-MM-DD */
  dueDate: string;
}
