/**
 * Email subjects, bodies and digest texts (i18next interpolation: {{name}}). `<kind>_subject` is also the line of
 * that notification in a digest, followed by `<kind>_body`, so a digest says exactly what the email would have.
 * Instants arrive formatted in the reader's zone and locale; `{{actor}}` is who caused it.
 */
export const enEmail = {
  greeting: 'Hello {{name}},',
  unsubscribe_kind:
    'You get this email because of your notification settings. Unsubscribe from these: {{url}}',
  unsubscribe_all:
    'You get this digest because of your notification settings. Unsubscribe from all emails: {{url}}',
  invitation_attached: 'The calendar invitation is attached; opening it updates the event in your calendar.',
  someone: 'Someone',
  digest_daily_subject: 'Your daily Convene digest ({{n}})',
  digest_weekly_subject: 'Your weekly Convene digest ({{n}})',
  digest_intro: 'Here is what happened since your last digest.',
  digest_platform: 'Across the platform',
  reason: 'Reason: {{reason}}',
  mention_subject: '{{actor}} mentioned you in {{groupName}}',
  mention_body: '{{actor}} mentioned you in #{{channelName}}: “{{excerpt}}”',
  reply_subject: '{{actor}} replied to you in {{groupName}}',
  reply_body: '{{actor}} replied to your message in #{{channelName}}: “{{excerpt}}”',
  join_requested_subject: '{{requesterName}} asks to join {{groupName}}',
  join_requested_body:
    '{{requesterName}} asked to join {{groupName}}; as an anchor you may approve or reject it.',
  join_approved_subject: 'Welcome to {{groupName}}',
  join_approved_body: 'Your request to join {{groupName}} was approved.',
  join_rejected_subject: 'Your request to join {{groupName}}',
  join_rejected_body: 'Your request to join {{groupName}} was not approved.',
  invited_subject: 'You are invited to {{groupName}}',
  invited_body: '{{actor}} invited you to join {{groupName}} as {{role}}.',
  meeting_scheduled_subject: 'New meeting: {{meetingTitle}}',
  meeting_scheduled_body: '{{meetingTitle}} ({{groupName}}) is scheduled for {{startsAt}}.',
  meeting_moved_subject: 'Meeting moved: {{meetingTitle}}',
  meeting_moved_body: '{{meetingTitle}} ({{groupName}}) moved from {{previousStartsAt}} to {{startsAt}}.',
  meeting_cancelled_subject: 'Meeting cancelled: {{meetingTitle}}',
  meeting_cancelled_body: '{{meetingTitle}} ({{groupName}}), planned for {{startsAt}}, is cancelled.',
  waitlist_promoted_subject: 'You have a seat: {{meetingTitle}}',
  waitlist_promoted_body:
    'A seat opened up: you are going to {{meetingTitle}} ({{groupName}}) on {{startsAt}}.',
  meeting_reminder_subject: 'Reminder: {{meetingTitle}}',
  meeting_reminder_body: '{{meetingTitle}} ({{groupName}}) starts on {{startsAt}}.',
  agenda_item_accepted_subject: 'Agenda item accepted: {{itemTitle}}',
  agenda_item_accepted_body:
    'Your agenda item “{{itemTitle}}” was accepted for {{meetingTitle}} ({{groupName}}).',
  agenda_item_rejected_subject: 'Agenda item not accepted: {{itemTitle}}',
  agenda_item_rejected_body:
    'Your agenda item “{{itemTitle}}” was not accepted for {{meetingTitle}} ({{groupName}}).',
  minutes_published_subject: 'Minutes published: {{meetingTitle}}',
  minutes_published_body: 'The minutes of {{meetingTitle}} ({{groupName}}) are published.',
  action_item_assigned_subject: 'Action item for you: {{itemTitle}}',
  action_item_assigned_body:
    '{{actor}} assigned you “{{itemTitle}}” ({{meetingTitle}}, {{groupName}}), due {{dueDate}}.',
  action_item_due_tomorrow_subject: 'Due tomorrow: {{itemTitle}}',
  action_item_due_tomorrow_body:
    'Your action item “{{itemTitle}}” ({{meetingTitle}}, {{groupName}}) is due {{dueDate}}.',
  action_item_overdue_subject: 'Overdue: {{itemTitle}}',
  action_item_overdue_body:
    'Your action item “{{itemTitle}}” ({{meetingTitle}}, {{groupName}}) was due {{dueDate}}.',
  document_version_added_subject: 'New version: {{documentTitle}}',
  document_version_added_body: 'Version {{versionNumber}} of “{{documentTitle}}” was added in {{groupName}}.',
  priority_area_opened_subject: 'Open for positions: {{areaTitle}}',
  priority_area_opened_body: 'The priority area “{{areaTitle}}” in {{groupName}} is open for positions.',
  priority_area_closing_soon_subject: 'Closing soon: {{areaTitle}}',
  priority_area_closing_soon_body:
    'The priority area “{{areaTitle}}” in {{groupName}} closes on {{closesAt}}, and you have not responded yet.',
  priority_area_adopted_subject: 'Adopted: {{areaTitle}}',
  priority_area_adopted_body: 'The priority area “{{areaTitle}}” in {{groupName}} was adopted.',
  proposal_decided_subject: 'Decision on {{proposalName}}',
  proposal_decided_body: 'The proposal “{{proposalName}}” was decided: {{decision}}.',
  review_opened_subject: 'Review opened: {{groupName}}',
  review_opened_body: 'A review of {{groupName}} from {{periodStart}} to {{periodEnd}} is open.',
};
