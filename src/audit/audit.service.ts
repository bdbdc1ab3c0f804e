import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestMeta } from '../common/auth/auth-user';
import { DomainHooks, TransactionalHookMap } from '../common/events/hooks';
import type { AuditAction, AuditActionMap } from './audit-actions';
import { AuditEvent } from './entities/audit-event.entity';
import { groupScope, hashAuditContent, PLATFORM_SCOPE, toJsonValue } from './audit-hash';
import { chainHead } from './audit.queries';
import { advisoryXactLock } from '../common/sql';

/** One change as its context describes it: a declared action about the entity type declared with it. */
export interface AuditChange<A extends AuditAction = AuditAction, After = unknown> {
  action: A;
  entityType: AuditActionMap[A];
  entityId: string;
  before?: unknown;
  after?: After;
}

export interface AuditRecord extends AuditChange {
  scope: string;
}

type HookName = keyof TransactionalHookMap;

export interface GroupChange<A extends AuditAction, After, K extends HookName> extends AuditChange<A, After> {
  /**
   * A transactional hook the change raises (e.g. `meeting.created`), run before the audit event in the same
   * transaction: handlers lock rows of their own (meetings, RSVPs) and every writer takes the group's audit lock
   * after its row locks, so taking the audit lock first could deadlock. `before` and `after` are snapshots the
   * caller took already: handlers change rows of their own context only (channels, RSVPs), never the entity.
   */
  hook?: { name: K; payload: TransactionalHookMap[K] };
}

@Injectable()
export class AuditService {
  constructor(private readonly hooks: DomainHooks) {}

  /**
   * Appends one link to the scope's chain. Must run inside the transaction that makes the change, so the event
   * and the change commit or roll back together. A transaction-scoped advisory lock on the scope serialises
   * writers of one chain only; other scopes proceed in parallel.
   */
  async record(em: EntityManager, meta: RequestMeta, record: AuditRecord): Promise<AuditEvent> {
    if (!em.isInTransaction()) throw new Error('AuditService.record must run inside a transaction');
    await advisoryXactLock(em, `audit:${record.scope}`);
    const head = await chainHead(em, record.scope);
    const content = {
      scope: record.scope,
      seq: (head?.seq ?? 0) + 1,
      actorId: meta.user?.id ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: toJsonValue(record.before),
      after: toJsonValue(record.after),
      requestId: meta.requestId,
      occurredAt: new Date(),
      prevHash: head?.hash ?? null,
    };
    const event = em.create(AuditEvent, { ...content, hash: hashAuditContent(content) });
    await em.insert(event);
    return event;
  }

  /**
   * The trailer of every group-scoped write: runs the change's hook (if any), then appends the event to the
   * group's chain. Returns `after`, so a write can end with `return audit.recordGroupChange(...)`.
   */
  async recordGroupChange<A extends AuditAction, After = undefined, K extends HookName = never>(
    em: EntityManager,
    meta: RequestMeta,
    groupId: string,
    { hook, ...change }: GroupChange<A, After, K>,
  ): Promise<After> {
    if (hook) await this.hooks.runInTransaction(hook.name, em, hook.payload);
    await this.record(em, meta, { scope: groupScope(groupId), ...change });
    return change.after as After;
  }

  /** The same for the platform chain (accounts, sessions, organisations, calendar tokens). */
  async recordPlatformChange<A extends AuditAction, After = undefined>(
    em: EntityManager,
    meta: RequestMeta,
    change: AuditChange<A, After>,
  ): Promise<After> {
    await this.record(em, meta, { scope: PLATFORM_SCOPE, ...change });
    return change.after as After;
  }
}
