import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestMeta } from '../common/auth/auth-user';
import { AuditEvent } from './entities/audit-event.entity';
import { hashAuditContent, toJsonValue } from './audit-hash';
import { chainHead } from './audit.queries';
import { advisoryXactLock } from '../common/sql';

export interface AuditRecord {
  scope: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

@Injectable()
export class AuditService {
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
}
