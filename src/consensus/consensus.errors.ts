/** The problem codes the consensus context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'priority_area.decided': 409;
    'priority_area.closed': 409;
    'priority_area.not_adopted': 409;
    'priority_area.group_not_running': 409;
    'priority_area.constituency_agreement_missing': 409;
    'priority_area.objection_open': 409;
  }
}
