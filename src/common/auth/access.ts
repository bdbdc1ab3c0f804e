import { PlatformRole } from './platform-role.enums';
import { ForbiddenError } from '../errors/domain-error';
import { AuthUser } from './auth-user';

export const hasPlatformRole = (user: AuthUser | null, ...roles: PlatformRole[]): boolean =>
  user !== null && roles.includes(user.role);

/** Platform-level permission: the caller may see the resource but not take this action (403). */
export function requirePlatformRole(user: AuthUser, roles: PlatformRole[], action: string): void {
  if (!roles.includes(user.role)) {
    throw new ForbiddenError(`Only ${roles.join(' or ')} may ${action}.`, {
      code: 'access.role_required',
      params: { roles, action },
    });
  }
}
