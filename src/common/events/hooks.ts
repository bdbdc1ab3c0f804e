import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { RequestMeta } from '../auth/auth-user';

/**
 * Payloads of hooks that run INSIDE the transaction making a change (so their writes commit or roll back with
 * it). Contexts add their own hook names by declaration merging:
 *   declare module '../common/events/hooks' { interface TransactionalHookMap { 'meeting.created': Meeting } }
 */
export interface TransactionalHookMap {
  /** A working group was created (the discussion context opens its `general` channel). */
  'group.created': { groupId: string; slug: string; name: string };
  /** A meeting was created (the discussion context opens its live channel). */
  'meeting.created': { meetingId: string; groupId: string; title: string; status: string };
  /** A meeting changed status (its live channel turns read-only once concluded or cancelled). */
  'meeting.status_changed': { meetingId: string; groupId: string; status: string };
  /** A meeting was edited (its live channel takes the new title). */
  'meeting.updated': { meetingId: string; groupId: string; title: string };
  /** An active membership ends (left, removed): the meetings context declines the person's upcoming RSVPs. */
  'membership.ending': { groupId: string; userId: string; meta: RequestMeta };
}

/**
 * Payloads of notifications sent AFTER a change committed (never before: a listener must not act on a change
 * that may still roll back). Extended by declaration merging like TransactionalHookMap.
 */
export interface CommittedEventMap {
  /** An admin disabled the user: their sockets are disconnected. */
  'user.disabled': { userId: string };
  /** Sessions ended (logout, refresh-token reuse: one session; password change: all of the user's). */
  'sessions.revoked': { userId: string; sessionId?: string };
  /** A membership stopped being active (left, removed): the user's sockets leave the group's rooms. */
  'membership.ended': { groupId: string; groupSlug: string; userId: string; status: string };
}

type TxHandler<K extends keyof TransactionalHookMap> = (
  em: EntityManager,
  payload: TransactionalHookMap[K],
) => Promise<void>;

/** Lets one context react to another's changes without importing its services (no cycles between modules). */
@Injectable()
export class DomainHooks {
  private readonly logger = new Logger(DomainHooks.name);
  private readonly txHandlers = new Map<keyof TransactionalHookMap, unknown[]>();
  private readonly emitter = new EventEmitter();

  onTransaction<K extends keyof TransactionalHookMap>(name: K, handler: TxHandler<K>): void {
    const list = this.txHandlers.get(name) ?? [];
    list.push(handler);
    this.txHandlers.set(name, list);
  }

  async runInTransaction<K extends keyof TransactionalHookMap>(
    name: K,
    em: EntityManager,
    payload: TransactionalHookMap[K],
  ): Promise<void> {
    if (!em.isInTransaction()) throw new Error(`hook ${String(name)} must run inside a transaction`);
    const handlers = (this.txHandlers.get(name) ?? []) as TxHandler<K>[];
    for (const handler of handlers) await handler(em, payload);
  }

  onCommitted<K extends keyof CommittedEventMap>(
    name: K,
    listener: (payload: CommittedEventMap[K]) => void | Promise<void>,
  ): void {
    this.emitter.on(name, (payload: CommittedEventMap[K]) => {
      Promise.resolve(listener(payload)).catch((error: unknown) =>
        this.logger.error(`listener for ${name} failed: ${String(error)}`),
      );
    });
  }

  /** Call only after the transaction committed. */
  emitCommitted<K extends keyof CommittedEventMap>(name: K, payload: CommittedEventMap[K]): void {
    this.emitter.emit(name, payload);
  }
}
