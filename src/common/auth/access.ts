import { PlatformRole, STEWARD_ROLES } from './platform-role.enums';
import { ForbiddenError } from '../errors/domain-error';
import { AuthUser } from './auth-user';

export const hasPlatformRole = (user: AuthUser | null, ...roles: PlatformRole[]): boolean =>
  user !== null && roles.includes(user.role);

/** Steering Committee or admin: platform oversight (STEWARD_ROLES). */
export const isSteward = (user: AuthUser | null): boolean => hasPlatformRole(user, ...STEWARD_ROLES);

/** Platform-level permission: the caller may see the resource but not take this action (403). */
export function requirePlatformRole(user: AuthUser, roles: readonly PlatformRole[], action: string): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} may ${action}.`, {
      code: 'access.role_required',
      params: { roles, action },
    });
  }
}
