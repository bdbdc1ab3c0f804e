/** The problem codes the meetings context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'meeting.not_editable': 409;
    'meeting.invalid_transition': 409;
    'meeting.rsvp_closed': 409;
    'meeting.not_live': 409;
    'agenda.anchor_required': 403;
    'agenda.order_mismatch': 409;
    'agenda.closed': 409;
    'agenda.full': 409;
    'minutes.published': 409;
    'minutes.not_allowed': 409;
    'action_item.forbidden': 403;
    'calendar_token.limit_reached': 409;
  }
}
