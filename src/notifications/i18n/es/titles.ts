import type { enTitles } from '../en/titles';

export const esTitles: typeof enTitles = {
  mention: '{{actorName}} te mencionó en #{{channelName}} ({{groupName}})',
  reply: '{{actorName}} respondió a tu mensaje en #{{channelName}} ({{groupName}})',
  join_requested: '{{requesterName}} pidió unirse a {{groupName}}',
  join_approved: 'Se aprobó tu solicitud para unirte a {{groupName}}',
  join_rejected: 'Se rechazó tu solicitud para unirte a {{groupName}}',
  invited: '{{actorName}} te invitó a unirte a {{groupName}} como {{roleName}}',
  meeting_scheduled: 'Nueva reunión en {{groupName}}: «{{meetingTitle}}», {{when}}',
  meeting_moved: 'La reunión «{{meetingTitle}}» ({{groupName}}) cambió de fecha: {{when}}',
  meeting_cancelled: 'Se canceló la reunión «{{meetingTitle}}» ({{groupName}}) prevista para el {{when}}',
  waitlist_promoted: 'Ya tienes plaza en «{{meetingTitle}}» ({{groupName}}), {{when}}',
  meeting_reminder: '«{{meetingTitle}}» ({{groupName}}) empieza el {{when}}',
  agenda_item_accepted: 'Se aceptó tu punto del orden del día «{{itemTitle}}» para «{{meetingTitle}}»',
  agenda_item_rejected: 'No se aceptó tu punto del orden del día «{{itemTitle}}» para «{{meetingTitle}}»',
  minutes_published: 'Se publicó el acta de «{{meetingTitle}}» ({{groupName}})',
  action_item_assigned: '{{actorName}} te asignó la tarea «{{itemTitle}}» (vence el {{due}})',
  action_item_due_tomorrow: 'Tu tarea «{{itemTitle}}» vence mañana ({{groupName}})',
  action_item_overdue: 'Tu tarea «{{itemTitle}}» está vencida desde el {{due}} ({{groupName}})',
  document_version_added:
    '{{actorName}} añadió la versión {{versionNumber}} de «{{documentTitle}}» ({{groupName}})',
  priority_area_opened: 'El área prioritaria «{{areaTitle}}» ({{groupName}}) está abierta a posiciones',
  priority_area_closing_soon:
    'Las posiciones sobre «{{areaTitle}}» ({{groupName}}) cierran el {{closes}} y aún no has respondido',
  priority_area_adopted: '{{groupName}} adoptó el área prioritaria «{{areaTitle}}»',
  proposal_decided: 'Se tomó una decisión sobre la propuesta «{{proposalName}}»',
  review_opened: 'Se abrió una revisión de {{groupName}} del {{periodStart}} al {{periodEnd}}',
  redacted: 'Una notificación sobre algo que ya no puedes ver',
  someone: 'Alguien',
  role_anchor: 'ancla',
  role_member: 'miembro',
  role_observer: 'observador',
};
