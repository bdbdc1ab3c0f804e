/** The problem codes of Steering Committee reviews, with their HTTP status (see common/errors/error-codes.ts). */
import '../../common/errors/error-codes';
import { ConflictError, DomainError } from '../../common/errors/domain-error';

declare module '../../common/errors/error-codes' {
  interface ErrorCodeMap {
    'review.period_invalid': 422;
    'review.group_not_reviewable': 409;
    'review.already_open': 409;
    'review.already_decided': 409;
    'review.merge_target_invalid': 422;
  }
}

const UNPROCESSABLE = 'Unprocessable Content';

export const periodInvalid = (): DomainError =>
  new DomainError(422, UNPROCESSABLE, 'periodEnd must be after periodStart (the end is exclusive).', {
    code: 'review.period_invalid',
    errors: [{ path: 'periodEnd', message: 'periodEnd must be after periodStart' }],
  });

export const groupNotReviewable = (status: string): ConflictError =>
  new ConflictError(`Only an active or under_review group can be reviewed; this group is ${status}.`, {
    code: 'review.group_not_reviewable',
    params: { status },
  });

export const alreadyOpen = (reviewId: string): ConflictError =>
  new ConflictError('This group already has an open review; decide it before opening another.', {
    code: 'review.already_open',
    params: { reviewId },
  });

export const alreadyDecided = (decision: string | null): ConflictError =>
  new ConflictError(`This review was already decided (${decision}); it is read-only.`, {
    code: 'review.already_decided',
    params: { decision },
  });

export const mergeTargetInvalid = (detail: string): DomainError =>
  new DomainError(422, UNPROCESSABLE, detail, {
    code: 'review.merge_target_invalid',
    errors: [{ path: 'mergeIntoSlug', message: detail }],
  });
