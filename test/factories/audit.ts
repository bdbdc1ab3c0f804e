import { groupScope } from '../../src/audit/audit-hash';
import { AuditEvent } from '../../src/audit/entities/audit-event.entity';
import { TestApp } from '../support/test-app';

/** Audit events in the whole database, or in one group's chain: a refused request must not change it. */
export const auditCount = (t: TestApp, groupId?: string): Promise<number> =>
  t.em().count(AuditEvent, groupId ? { scope: groupScope(groupId) } : {});

export const lastAuditEvent = async (t: TestApp, groupId: string): Promise<AuditEvent | null> =>
  t.em().findOne(AuditEvent, { scope: groupScope(groupId) }, { orderBy: { seq: 'desc' } });
