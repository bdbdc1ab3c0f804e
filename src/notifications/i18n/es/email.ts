import type { enEmail } from '../en/email';

export const esEmail: typeof enEmail = {
  greeting: 'Hola {{name}}:',
  unsubscribe_kind:
    'Recibes este correo por tus preferencias de notificación. Darte de baja de estos avisos: {{url}}',
  unsubscribe_all:
    'Recibes este resumen por tus preferencias de notificación. Darte de baja de todos los correos: {{url}}',
  invitation_attached:
    'Adjuntamos la invitación de calendario; al abrirla se actualiza el evento en tu calendario.',
  someone: 'Alguien',
  digest_daily_subject: 'Tu resumen diario de Convene ({{n}})',
  digest_weekly_subject: 'Tu resumen semanal de Convene ({{n}})',
  digest_intro: 'Esto es lo que ha pasado desde tu último resumen.',
  digest_platform: 'En toda la plataforma',
  reason: 'Motivo: {{reason}}',
  mention_subject: '{{actor}} te mencionó en {{groupName}}',
  mention_body: '{{actor}} te mencionó en #{{channelName}}: «{{excerpt}}»',
  reply_subject: '{{actor}} te respondió en {{groupName}}',
  reply_body: '{{actor}} respondió a tu mensaje en #{{channelName}}: «{{excerpt}}»',
  join_requested_subject: '{{requesterName}} pide unirse a {{groupName}}',
  join_requested_body:
    '{{requesterName}} pidió unirse a {{groupName}}; como ancla puedes aprobarlo o rechazarlo.',
  join_approved_subject: 'Te damos la bienvenida a {{groupName}}',
  join_approved_body: 'Tu solicitud para unirte a {{groupName}} fue aprobada.',
  join_rejected_subject: 'Tu solicitud para unirte a {{groupName}}',
  join_rejected_body: 'Tu solicitud para unirte a {{groupName}} no fue aprobada.',
  invited_subject: 'Te invitan a {{groupName}}',
  invited_body: '{{actor}} te invitó a unirte a {{groupName}} como {{role}}.',
  meeting_scheduled_subject: 'Nueva reunión: {{meetingTitle}}',
  meeting_scheduled_body: '{{meetingTitle}} ({{groupName}}) está programada para el {{startsAt}}.',
  meeting_moved_subject: 'Reunión cambiada: {{meetingTitle}}',
  meeting_moved_body: '{{meetingTitle}} ({{groupName}}) pasó del {{previousStartsAt}} al {{startsAt}}.',
  meeting_cancelled_subject: 'Reunión cancelada: {{meetingTitle}}',
  meeting_cancelled_body: '{{meetingTitle}} ({{groupName}}), prevista para el {{startsAt}}, se ha cancelado.',
  waitlist_promoted_subject: 'Tienes plaza: {{meetingTitle}}',
  waitlist_promoted_body:
    'Se liberó una plaza: asistirás a {{meetingTitle}} ({{groupName}}) el {{startsAt}}.',
  meeting_reminder_subject: 'Recordatorio: {{meetingTitle}}',
  meeting_reminder_body: '{{meetingTitle}} ({{groupName}}) empieza el {{startsAt}}.',
  agenda_item_accepted_subject: 'Punto del orden del día aceptado: {{itemTitle}}',
  agenda_item_accepted_body: 'Tu punto «{{itemTitle}}» fue aceptado para {{meetingTitle}} ({{groupName}}).',
  agenda_item_rejected_subject: 'Punto del orden del día no aceptado: {{itemTitle}}',
  agenda_item_rejected_body:
    'Tu punto «{{itemTitle}}» no fue aceptado para {{meetingTitle}} ({{groupName}}).',
  minutes_published_subject: 'Acta publicada: {{meetingTitle}}',
  minutes_published_body: 'Se publicó el acta de {{meetingTitle}} ({{groupName}}).',
  action_item_assigned_subject: 'Tarea para ti: {{itemTitle}}',
  action_item_assigned_body:
    '{{actor}} te asignó «{{itemTitle}}» ({{meetingTitle}}, {{groupName}}), para el {{dueDate}}.',
  action_item_due_tomorrow_subject: 'Vence mañana: {{itemTitle}}',
  action_item_due_tomorrow_body:
    'Tu tarea «{{itemTitle}}» ({{meetingTitle}}, {{groupName}}) vence el {{dueDate}}.',
  action_item_overdue_subject: 'Vencida: {{itemTitle}}',
  action_item_overdue_body:
    'Tu tarea «{{itemTitle}}» ({{meetingTitle}}, {{groupName}}) venció el {{dueDate}}.',
  document_version_added_subject: 'Nueva versión: {{documentTitle}}',
  document_version_added_body:
    'Se añadió la versión {{versionNumber}} de «{{documentTitle}}» en {{groupName}}.',
  priority_area_opened_subject: 'Abierta a posiciones: {{areaTitle}}',
  priority_area_opened_body:
    'El área prioritaria «{{areaTitle}}» de {{groupName}} está abierta a posiciones.',
  priority_area_closing_soon_subject: 'Cierra pronto: {{areaTitle}}',
  priority_area_closing_soon_body:
    'El área prioritaria «{{areaTitle}}» de {{groupName}} cierra el {{closesAt}} y aún no has respondido.',
  priority_area_adopted_subject: 'Adoptada: {{areaTitle}}',
  priority_area_adopted_body: 'Se adoptó el área prioritaria «{{areaTitle}}» de {{groupName}}.',
  proposal_decided_subject: 'Decisión sobre {{proposalName}}',
  proposal_decided_body: 'Se decidió sobre la propuesta «{{proposalName}}»: {{decision}}.',
  review_opened_subject: 'Revisión abierta: {{groupName}}',
  review_opened_body: 'Está abierta una revisión de {{groupName}} del {{periodStart}} al {{periodEnd}}.',
};
