import { EntityManager } from '@mikro-orm/postgresql';
import { hashAuditContent } from './audit-hash';
import { chainLinks, chainScopes } from './audit.queries';

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

/** Walks every chain in order and stops at the first link whose content or back-pointer does not match. */
export async function verifyAuditChains(em: EntityManager, batchSize = 1000): Promise<VerificationReport> {
  const scopes = await chainScopes(em);
  let events = 0;
  for (const scope of scopes) {
    let expectedSeq = 1;
    let prevHash: string | null = null;
    for (;;) {
      const rows = await chainLinks(em, scope, expectedSeq, batchSize);
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
