import type { NotificationKind } from '../../notifications.enums';

/**
 * In-app titles by notification kind (i18next interpolation: {{name}}), one short line each. Besides each kind's
 * params (notification-kinds.ts) a title may use `actorName` (who caused it; `someone` when unknown), `when` /
 * `previousWhen` (a meeting's start, in the reader's zone and language), `due`, `closes`, `periodStart`,
 * `periodEnd` (dates in the reader's language) and `roleName` (`role_*`). `redacted` is the title of a
 * notification its reader may no longer see (docs/notifications.md, "In-app and live").
 */
export const enTitles: Record<
  `${NotificationKind}` | 'redacted' | 'someone' | 'role_anchor' | 'role_member' | 'role_observer',
  string
> = {
  mention: '{{actorName}} mentioned you in #{{channelName}} ({{groupName}})',
  reply: '{{actorName}} replied to your message in #{{channelName}} ({{groupName}})',
  join_requested: '{{requesterName}} asked to join {{groupName}}',
  join_approved: 'Your request to join {{groupName}} was approved',
  join_rejected: 'Your request to join {{groupName}} was declined',
  invited: '{{actorName}} invited you to join {{groupName}} as {{roleName}}',
  meeting_scheduled: 'New meeting in {{groupName}}: “{{meetingTitle}}”, {{when}}',
  meeting_moved: '“{{meetingTitle}}” ({{groupName}}) moved to {{when}}',
  meeting_cancelled: '“{{meetingTitle}}” ({{groupName}}) on {{when}} was cancelled',
  waitlist_promoted: 'You have a seat at “{{meetingTitle}}” ({{groupName}}), {{when}}',
  meeting_reminder: '“{{meetingTitle}}” ({{groupName}}) starts {{when}}',
  agenda_item_accepted: 'Your agenda item “{{itemTitle}}” was accepted for “{{meetingTitle}}”',
  agenda_item_rejected: 'Your agenda item “{{itemTitle}}” was not accepted for “{{meetingTitle}}”',
  minutes_published: 'The minutes of “{{meetingTitle}}” ({{groupName}}) are published',
  action_item_assigned: '{{actorName}} assigned you “{{itemTitle}}” (due {{due}})',
  action_item_due_tomorrow: 'Your action item “{{itemTitle}}” is due tomorrow ({{groupName}})',
  action_item_overdue: 'Your action item “{{itemTitle}}” is overdue since {{due}} ({{groupName}})',
  document_version_added:
    '{{actorName}} added version {{versionNumber}} of “{{documentTitle}}” ({{groupName}})',
  priority_area_opened: 'The priority area “{{areaTitle}}” ({{groupName}}) is open for positions',
  priority_area_closing_soon:
    'Positions on “{{areaTitle}}” ({{groupName}}) close on {{closes}} and you have not responded yet',
  priority_area_adopted: '{{groupName}} adopted the priority area “{{areaTitle}}”',
  proposal_decided: 'A decision was made on the proposal “{{proposalName}}”',
  review_opened: 'A review of {{groupName}} opened for {{periodStart}} to {{periodEnd}}',
  redacted: 'A notification about something you can no longer see',
  someone: 'Someone',
  role_anchor: 'an anchor',
  role_member: 'a member',
  role_observer: 'an observer',
};
