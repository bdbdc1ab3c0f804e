/** The hooks the users context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import '../common/events/hooks';

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /** An admin is disabling the user: the auth context revokes their sessions in the same transaction. */
    'user.disabling': { userId: string };
    /**
     * An admin or a verified contact is withdrawing the verification of the user's affiliation, before the user
     * row is locked: the groups context locks the groups the user anchors (group rows come before user rows in
     * the lock order) and vetoes when the user is the last verified anchor of their type of an anchored group.
     */
    'user.affiliation_unverifying': { userId: string };
  }
  interface CommittedEventMap {
    /** An admin disabled the user: their sockets are disconnected. */
    'user.disabled': { userId: string };
  }
}
