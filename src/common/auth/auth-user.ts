import { PlatformRole } from './platform-role.enums';

/** Who is calling, as established by the access token and re-checked against the database on every request. */
export interface AuthUser {
  id: string;
  role: PlatformRole;
  sessionId: string;
}

/** What a service needs to know about the request it serves: the caller (or null) and the request id. */
export interface RequestMeta {
  user: AuthUser | null;
  requestId: string;
}

export interface AuthenticatedMeta extends RequestMeta {
  user: AuthUser;
}
