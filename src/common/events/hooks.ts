import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { describeError } from '../errors/loggable-error';

/**
 * The one extension mechanism between contexts (docs/architecture.md, "Ports"). The three maps below are empty
 * here: each context declares the hooks it raises in its own `<context>.hooks.ts` by declaration merging,
 *   declare module '../common/events/hooks' { interface TransactionalHookMap { 'meeting.created': {...} } }
 * so the raising context owns the payload's shape and a reacting context imports nothing but this file.
 */

/**
 * Hooks that run INSIDE the transaction making a change: their writes commit or roll back with it, and a handler
 * that throws a domain error vetoes the change (e.g. an anchor may not change organisation).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface TransactionalHookMap {}

/** Notifications sent AFTER a change committed (never before: a listener must not act on what may roll back). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CommittedEventMap {}

/**
 * Questions a lower context asks the contexts above it, each answering for its own tables (e.g. what a group's
 * activity feed must leave out for a reader who may not see drafts). Every registered answer is returned.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface QueryHookMap {}

type QueryArgs<K extends keyof QueryHookMap> = QueryHookMap[K] extends { args: infer A } ? A : never;
type QueryResult<K extends keyof QueryHookMap> = QueryHookMap[K] extends { result: infer R } ? R : never;

type TxHandler<K extends keyof TransactionalHookMap> = (
  em: EntityManager,
  payload: TransactionalHookMap[K],
) => Promise<void>;

type QueryHandler<K extends keyof QueryHookMap> = (
  em: EntityManager,
  args: QueryArgs<K>,
) => Promise<QueryResult<K>>;

/** Lets one context react to another's changes without importing its services (no cycles between modules). */
@Injectable()
export class DomainHooks {
  private readonly logger = new Logger(DomainHooks.name);
  private readonly txHandlers = new Map<PropertyKey, unknown[]>();
  private readonly queryHandlers = new Map<PropertyKey, unknown[]>();
  private readonly emitter = new EventEmitter();

  onTransaction<K extends keyof TransactionalHookMap>(name: K, handler: TxHandler<K>): void {
    this.txHandlers.set(name, [...(this.txHandlers.get(name) ?? []), handler]);
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
        this.logger.error(`listener for ${String(name)} failed: ${describeError(error)}`),
      );
    });
  }

  /** Call only after the transaction committed. */
  emitCommitted<K extends keyof CommittedEventMap>(name: K, payload: CommittedEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  answer<K extends keyof QueryHookMap>(name: K, handler: QueryHandler<K>): void {
    this.queryHandlers.set(name, [...(this.queryHandlers.get(name) ?? []), handler]);
  }

  /** Every registered answer, in registration order (none when no context above answers). */
  async ask<K extends keyof QueryHookMap>(
    name: K,
    em: EntityManager,
    args: QueryArgs<K>,
  ): Promise<QueryResult<K>[]> {
    const handlers = (this.queryHandlers.get(name) ?? []) as QueryHandler<K>[];
    return Promise.all(handlers.map((handler) => handler(em, args)));
  }
}
