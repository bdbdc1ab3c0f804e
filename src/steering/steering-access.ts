import { isSteward } from '../common/auth/access';
import { AuthUser } from '../common/auth/auth-user';

/**
 * Who oversees the platform's groups: the Steering Committee and admins (STEWARD_ROLES). Shared by the steering
 * context's proposals and reviews, so "the committee" means one thing.
 */
export const isSteeringCommittee = (user: AuthUser | null): boolean => isSteward(user);
