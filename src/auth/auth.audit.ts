/** The audit actions the auth context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** Someone registered an account (platform chain, no actor). */
    'user.registered': 'User';
    /** The caller changed their own profile, without a new password. */
    'user.profile_updated': 'User';
    /** The caller changed their password (their sessions were revoked). */
    'user.password_changed': 'User';
    /** Start-up created the configured first admin. */
    'user.bootstrapped_admin': 'User';
    /** Start-up made the configured, already registered user the first admin. */
    'user.promoted_admin': 'User';
    /** A login opened a session. */
    'session.opened': 'AuthSession';
    /** A session ended: logout, or a refresh token presented twice. */
    'session.revoked': 'AuthSession';
  }
}
