import { EntityManager } from '@mikro-orm/postgresql';
import { hashAuditContent } from './audit-hash';

export interface BrokenLink {
  scope: string;
  seq: number;
  id: string;
  reason: string;
}

export interface VerificationReport {
  scopes: number;
  events: number;
  broken: BrokenLink | null;
}

interface Row {
  id: string;
  scope: string;
  seq: number;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  occurred_at: Date;
  prev_hash: string | null;
  hash: string;
}

/** Walks every chain in order and stops at the first link whose content or back-pointer does not match. */
export async function verifyAuditChains(em: EntityManager, batchSize = 1000): Promise<VerificationReport> {
  const scopes = await em.execute<{ scope: string }[]>(
    'select distinct scope from audit_event order by scope',
  );
  let events = 0;
  for (const { scope } of scopes) {
    let expectedSeq = 1;
    let prevHash: string | null = null;
    for (;;) {
      const rows: Row[] = await em.execute<Row[]>(
        'select * from audit_event where scope = ? and seq >= ? order by seq limit ?',
        [scope, expectedSeq, batchSize],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        events++;
        const link = { scope, seq: row.seq, id: String(row.id) };
        if (row.seq !== expectedSeq)
          return {
            scopes: scopes.length,
            events,
            broken: { ...link, reason: `expected seq ${expectedSeq}, found ${row.seq} (a link is missing)` },
          };
        if (row.prev_hash !== prevHash)
          return {
            scopes: scopes.length,
            events,
            broken: { ...link, reason: 'prevHash does not match the previous link' },
          };
        const recomputed = hashAuditContent({
          scope: row.scope,
          seq: row.seq,
          actorId: row.actor_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          requestId: row.request_id,
          occurredAt: new Date(row.occurred_at),
          prevHash: row.prev_hash,
        });
        if (recomputed !== row.hash)
          return {
            scopes: scopes.length,
            events,
            broken: { ...link, reason: 'content does not match its hash (the row was altered)' },
          };
        prevHash = row.hash;
        expectedSeq++;
      }
    }
  }
  return { scopes: scopes.length, events, broken: null };
}
