/** The hooks the users context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */
import '../common/events/hooks';

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /** An admin is disabling the user: the auth context revokes their sessions in the same transaction. */
    'user.disabling': { userId: string };
  }
  interface CommittedEventMap {
    /** An admin disabled the user: their sockets are disconnected. */
    'user.disabled': { userId: string };
  }
}
