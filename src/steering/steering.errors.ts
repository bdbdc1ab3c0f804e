/** The problem codes the steering context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';
import { ConflictError, DomainError, ForbiddenError } from '../common/errors/domain-error';
import { AnchorType } from '../groups/groups.enums';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'proposal.organization_required': 403;
    'proposal.decision_forbidden': 403;
    'proposal.revision_forbidden': 403;
    'proposal.already_decided': 409;
    'proposal.invalid_decision': 409;
    'proposal.not_revisable': 409;
    'proposal.anchor_types_missing': 422;
  }
}

export const organizationRequired = (): ForbiddenError =>
  new ForbiddenError(
    'Only people who belong to an organisation may propose a group; set your organisation first (PATCH /me).',
    { code: 'proposal.organization_required' },
  );

export const decisionForbidden = (): ForbiddenError =>
  new ForbiddenError('Only the Steering Committee or an admin may decide on a proposal.', {
    code: 'proposal.decision_forbidden',
  });

export const revisionForbidden = (): ForbiddenError =>
  new ForbiddenError('Only the proposer may revise a proposal.', { code: 'proposal.revision_forbidden' });

export const alreadyDecided = (status: string): ConflictError =>
  new ConflictError(`This proposal was already ${status}; a decision is final.`, {
    code: 'proposal.already_decided',
    params: { status },
  });

export const invalidDecision = (status: string, decision: string, allowed: string[]): ConflictError =>
  new ConflictError(
    `A proposal that is ${status} cannot be decided "${decision}" (allowed: ${allowed.join(', ') || 'none'}).`,
    { code: 'proposal.invalid_decision', params: { status, decision, allowed } },
  );

export const notRevisable = (status: string): ConflictError =>
  new ConflictError(
    `A proposal can be revised only after the Steering Committee requested changes (this one is ${status}).`,
    { code: 'proposal.not_revisable', params: { status } },
  );

export const anchorTypesMissing = (missing: AnchorType[]): DomainError =>
  new DomainError(
    422,
    'Unprocessable Content',
    'The proposed anchor organisations must include at least one government and one civil-society organisation.',
    {
      code: 'proposal.anchor_types_missing',
      params: { missing },
      errors: [
        {
          path: 'proposedAnchorOrganizationIds',
          message: `proposedAnchorOrganizationIds lacks a ${missing.join(' and a ')} organisation`,
        },
      ],
    },
  );
