/** The problem codes the cooperation context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';
import { ConflictError, DomainError, ForbiddenError } from '../common/errors/domain-error';
import { AssistanceStatus } from './cooperation.enums';
import { ASSISTANCE_TRANSITIONS } from './assistance-status-machine';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'commitment.duplicate': 409;
    'commitment.progress_notes_full': 409;
    'commitment.organization_unknown': 422;
    'assistance.invalid_transition': 409;
    'assistance.step_forbidden': 403;
    'assistance.not_own_organization': 403;
    'assistance.organization_not_member': 422;
  }
}

const UNPROCESSABLE = 'Unprocessable Content';

export const duplicateCommitment = (country: string, cycle: string, reference: string): ConflictError =>
  new ConflictError(
    `This group already records commitment ${reference} of ${country}'s ${cycle} action plan.`,
    { code: 'commitment.duplicate', params: { country, cycle, reference } },
  );

export const progressNotesFull = (max: number): ConflictError =>
  new ConflictError(`A commitment holds at most ${max} progress notes.`, {
    code: 'commitment.progress_notes_full',
    params: { max },
  });

export const organizationUnknown = (path: string): DomainError =>
  new DomainError(422, UNPROCESSABLE, `${path} must name a registered organisation.`, {
    code: 'commitment.organization_unknown',
    errors: [{ path, message: `${path} must name a registered organisation` }],
  });

export const invalidStep = (from: AssistanceStatus, to: AssistanceStatus): ConflictError => {
  const allowed = ASSISTANCE_TRANSITIONS[from];
  return new ConflictError(
    `An assistance request that is ${from} cannot become ${to}; allowed next: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
    { code: 'assistance.invalid_transition', params: { from, to, allowed } },
  );
};

export const stepForbidden = (to: AssistanceStatus, who: readonly string[]): ForbiddenError =>
  new ForbiddenError(`You may not move this assistance request to ${to}.`, {
    code: 'assistance.step_forbidden',
    params: { to, who },
  });

export const notOwnOrganization = (): ForbiddenError =>
  new ForbiddenError(
    'Members ask for assistance for their own organisation; anchors may ask on behalf of a member organisation.',
    { code: 'assistance.not_own_organization' },
  );

export const organizationNotMember = (path: string): DomainError =>
  new DomainError(
    422,
    UNPROCESSABLE,
    `${path} must name an organisation with an active member in this group.`,
    {
      code: 'assistance.organization_not_member',
      errors: [{ path, message: `${path} must name an organisation with an active member in this group` }],
    },
  );
