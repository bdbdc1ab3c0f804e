import type { enEmail } from '../en/email';

export const frEmail: typeof enEmail = {
  greeting: 'Bonjour {{name}},',
  unsubscribe_kind:
    'Vous recevez cet e-mail selon vos préférences de notification. Vous désabonner de ces avis : {{url}}',
  unsubscribe_all:
    'Vous recevez ce récapitulatif selon vos préférences de notification. Vous désabonner de tous les e-mails : {{url}}',
  invitation_attached: 'L’invitation est jointe ; l’ouvrir met à jour l’événement dans votre agenda.',
  someone: 'Quelqu’un',
  digest_daily_subject: 'Votre récapitulatif quotidien Convene ({{n}})',
  digest_weekly_subject: 'Votre récapitulatif hebdomadaire Convene ({{n}})',
  digest_intro: 'Voici ce qui s’est passé depuis votre dernier récapitulatif.',
  digest_platform: 'Sur toute la plateforme',
  reason: 'Motif : {{reason}}',
  mention_subject: '{{actor}} vous a mentionné dans {{groupName}}',
  mention_body: '{{actor}} vous a mentionné dans #{{channelName}} : « {{excerpt}} »',
  reply_subject: '{{actor}} vous a répondu dans {{groupName}}',
  reply_body: '{{actor}} a répondu à votre message dans #{{channelName}} : « {{excerpt}} »',
  join_requested_subject: '{{requesterName}} demande à rejoindre {{groupName}}',
  join_requested_body:
    '{{requesterName}} a demandé à rejoindre {{groupName}} ; en tant qu’ancre, vous pouvez accepter ou refuser.',
  join_approved_subject: 'Bienvenue dans {{groupName}}',
  join_approved_body: 'Votre demande pour rejoindre {{groupName}} a été acceptée.',
  join_rejected_subject: 'Votre demande pour rejoindre {{groupName}}',
  join_rejected_body: 'Votre demande pour rejoindre {{groupName}} n’a pas été acceptée.',
  invited_subject: 'Vous êtes invité à {{groupName}}',
  invited_body: '{{actor}} vous a invité à rejoindre {{groupName}} en tant que {{role}}.',
  meeting_scheduled_subject: 'Nouvelle réunion : {{meetingTitle}}',
  meeting_scheduled_body: '{{meetingTitle}} ({{groupName}}) est prévue le {{startsAt}}.',
  meeting_moved_subject: 'Réunion déplacée : {{meetingTitle}}',
  meeting_moved_body: '{{meetingTitle}} ({{groupName}}) passe du {{previousStartsAt}} au {{startsAt}}.',
  meeting_cancelled_subject: 'Réunion annulée : {{meetingTitle}}',
  meeting_cancelled_body: '{{meetingTitle}} ({{groupName}}), prévue le {{startsAt}}, est annulée.',
  waitlist_promoted_subject: 'Vous avez une place : {{meetingTitle}}',
  waitlist_promoted_body:
    'Une place s’est libérée : vous participez à {{meetingTitle}} ({{groupName}}) le {{startsAt}}.',
  meeting_reminder_subject: 'Rappel : {{meetingTitle}}',
  meeting_reminder_body: '{{meetingTitle}} ({{groupName}}) commence le {{startsAt}}.',
  agenda_item_accepted_subject: 'Point à l’ordre du jour accepté : {{itemTitle}}',
  agenda_item_accepted_body:
    'Votre point « {{itemTitle}} » a été accepté pour {{meetingTitle}} ({{groupName}}).',
  agenda_item_rejected_subject: 'Point à l’ordre du jour refusé : {{itemTitle}}',
  agenda_item_rejected_body:
    'Votre point « {{itemTitle}} » n’a pas été accepté pour {{meetingTitle}} ({{groupName}}).',
  minutes_published_subject: 'Compte rendu publié : {{meetingTitle}}',
  minutes_published_body: 'Le compte rendu de {{meetingTitle}} ({{groupName}}) est publié.',
  action_item_assigned_subject: 'Action pour vous : {{itemTitle}}',
  action_item_assigned_body:
    '{{actor}} vous a confié « {{itemTitle}} » ({{meetingTitle}}, {{groupName}}), pour le {{dueDate}}.',
  action_item_due_tomorrow_subject: 'Échéance demain : {{itemTitle}}',
  action_item_due_tomorrow_body:
    'Votre action « {{itemTitle}} » ({{meetingTitle}}, {{groupName}}) est due le {{dueDate}}.',
  action_item_overdue_subject: 'En retard : {{itemTitle}}',
  action_item_overdue_body:
    'Votre action « {{itemTitle}} » ({{meetingTitle}}, {{groupName}}) était due le {{dueDate}}.',
  document_version_added_subject: 'Nouvelle version : {{documentTitle}}',
  document_version_added_body:
    'La version {{versionNumber}} de « {{documentTitle}} » a été ajoutée dans {{groupName}}.',
  priority_area_opened_subject: 'Ouvert aux positions : {{areaTitle}}',
  priority_area_opened_body:
    'Le domaine prioritaire « {{areaTitle}} » de {{groupName}} est ouvert aux positions.',
  priority_area_closing_soon_subject: 'Clôture proche : {{areaTitle}}',
  priority_area_closing_soon_body:
    'Le domaine prioritaire « {{areaTitle}} » de {{groupName}} ferme le {{closesAt}} et vous n’avez pas encore répondu.',
  priority_area_adopted_subject: 'Adopté : {{areaTitle}}',
  priority_area_adopted_body: 'Le domaine prioritaire « {{areaTitle}} » de {{groupName}} a été adopté.',
  proposal_decided_subject: 'Décision sur {{proposalName}}',
  proposal_decided_body: 'La proposition « {{proposalName}} » a été tranchée : {{decision}}.',
  review_opened_subject: 'Revue ouverte : {{groupName}}',
  review_opened_body: 'Une revue de {{groupName}} du {{periodStart}} au {{periodEnd}} est ouverte.',
};
