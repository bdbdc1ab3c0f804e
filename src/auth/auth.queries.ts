import { preparedStatement } from '../common/prepared-statement';

/**
 * The check behind every authenticated request and socket handshake (docs/decisions/0023): the token's session
 * is live and its user enabled, read as one prepared statement on the session's primary key instead of an ORM
 * `findOne` that hydrates a session and a user. "Live" restates `AuthSession.isActive()` (not revoked, not past
 * its absolute expiry) and `not u.disabled` restates `User.disabled`; test/auth-resolve-caller.e2e-spec.ts checks
 * that the two agree on every kind of session.
 */
export const RESOLVE_CALLER = preparedStatement(
  'auth_resolve_caller',
  `select u.id, u.role
     from auth_session s
     join "user" u on u.id = s.user_id
    where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > now() and not u.disabled`,
);
