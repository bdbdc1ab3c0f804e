/** The hooks the auth context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import '../common/events/hooks';

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * `PATCH /me` is about to change the caller's organisation, with their user row locked FOR UPDATE. A context
     * that must veto it throws a domain error (an anchor's type comes from their organisation).
     */
    'user.organization_changing': { userId: string };
  }
  interface CommittedEventMap {
    /** Sessions ended (logout, refresh-token reuse: one session; password change: all of the user's). */
    'sessions.revoked': { userId: string; sessionId?: string };
  }
}
