import { EntityManager } from '@mikro-orm/postgresql';
import { requirePlatformRole } from '../../common/auth/access';
import { AuthUser } from '../../common/auth/auth-user';
import { STEWARD_ROLES } from '../../common/auth/platform-role.enums';
import { NotFoundError } from '../../common/errors/domain-error';
import { notFoundAs } from '../../common/errors/not-found-as';
import { GroupAccess, loadGroupAccessById } from '../../groups/group-access';
import { Review } from './entities/review.entity';

/**
 * Who may do what with reviews (docs/steering.md, "Reviews"). The Steering Committee and admins (platform
 * roles, STEWARD_ROLES) open and decide; the group's anchors submit the self-assessment; the group's active
 * members (any role) and the stewards read. A review the caller may not read is a 404, like a hidden group.
 */

export const NOT_FOUND_REVIEW = 'Review';

export interface ReviewAccess extends GroupAccess {
  review: Review;
}

/** Opening, deciding, the overview: the Steering Committee or an admin (403 `access.role_required`). */
export function requireCommittee(user: AuthUser, action: string): void {
  requirePlatformRole(user, STEWARD_ROLES, action);
}

/** The same audience as the group's activity feed, which shows the review events. */
export const mayReadReviews = (access: GroupAccess): boolean => access.isSteward || access.role !== null;

/**
 * Loads a review the caller may read, with the caller's standing in its group; 404 otherwise. With `lock`, the
 * group row is taken FOR UPDATE (every review write holds it: docs/architecture.md, "Lock order" row 2) and the
 * review re-read after it, so writers of one group's reviews apply one after the other.
 */
export async function loadReviewAccess(
  em: EntityManager,
  reviewId: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<ReviewAccess> {
  const found = await em.findOne(Review, { id: reviewId });
  // An unknown review still runs the group lookup (its id names no group), so both 404s cost the same.
  const access = await notFoundAs(
    NOT_FOUND_REVIEW,
    loadGroupAccessById(em, found?.group.id ?? reviewId, user, options),
  );
  if (!found || !mayReadReviews(access)) throw new NotFoundError(NOT_FOUND_REVIEW);
  const review = options.lock ? await em.findOneOrFail(Review, { id: reviewId }, { refresh: true }) : found;
  return { ...access, review };
}
