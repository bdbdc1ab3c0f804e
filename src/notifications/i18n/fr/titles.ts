import type { enTitles } from '../en/titles';

export const frTitles: typeof enTitles = {
  mention: '{{actorName}} vous a mentionné dans #{{channelName}} ({{groupName}})',
  reply: '{{actorName}} a répondu à votre message dans #{{channelName}} ({{groupName}})',
  join_requested: '{{requesterName}} demande à rejoindre {{groupName}}',
  join_approved: 'Votre demande pour rejoindre {{groupName}} a été acceptée',
  join_rejected: 'Votre demande pour rejoindre {{groupName}} a été refusée',
  invited: '{{actorName}} vous invite à rejoindre {{groupName}} en tant que {{roleName}}',
  meeting_scheduled: 'Nouvelle réunion dans {{groupName}} : « {{meetingTitle}} », {{when}}',
  meeting_moved: 'La réunion « {{meetingTitle}} » ({{groupName}}) est déplacée au {{when}}',
  meeting_cancelled: 'La réunion « {{meetingTitle}} » ({{groupName}}) du {{when}} est annulée',
  waitlist_promoted: 'Une place vous est attribuée pour « {{meetingTitle}} » ({{groupName}}), {{when}}',
  meeting_reminder: '« {{meetingTitle}} » ({{groupName}}) commence le {{when}}',
  agenda_item_accepted: 'Votre point « {{itemTitle}} » est retenu à l’ordre du jour de « {{meetingTitle}} »',
  agenda_item_rejected:
    'Votre point « {{itemTitle}} » n’est pas retenu à l’ordre du jour de « {{meetingTitle}} »',
  minutes_published: 'Le compte rendu de « {{meetingTitle}} » ({{groupName}}) est publié',
  action_item_assigned: '{{actorName}} vous a confié la tâche « {{itemTitle}} » (échéance le {{due}})',
  action_item_due_tomorrow: 'Votre tâche « {{itemTitle}} » arrive à échéance demain ({{groupName}})',
  action_item_overdue: 'Votre tâche « {{itemTitle}} » est en retard depuis le {{due}} ({{groupName}})',
  document_version_added:
    '{{actorName}} a ajouté la version {{versionNumber}} de « {{documentTitle}} » ({{groupName}})',
  priority_area_opened:
    'Le domaine prioritaire « {{areaTitle}} » ({{groupName}}) est ouvert aux prises de position',
  priority_area_closing_soon:
    'Les prises de position sur « {{areaTitle}} » ({{groupName}}) se terminent le {{closes}} et vous n’avez pas encore répondu',
  priority_area_adopted: '{{groupName}} a adopté le domaine prioritaire « {{areaTitle}} »',
  proposal_decided: 'Une décision a été prise sur la proposition « {{proposalName}} »',
  review_opened: 'Une revue de {{groupName}} est ouverte pour la période du {{periodStart}} au {{periodEnd}}',
  redacted: 'Une notification sur un contenu que vous ne pouvez plus voir',
  someone: 'Quelqu’un',
  role_anchor: 'ancre',
  role_member: 'membre',
  role_observer: 'observateur',
};
