import { EntityManager } from '@mikro-orm/postgresql';

/** The audit context's hand-written SQL (docs/architecture.md, "Database"): values are always parameters. */

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The last link of a scope's chain, or undefined for a new chain. Call under the scope's advisory lock. */
export async function chainHead(em: EntityManager, scope: string): Promise<ChainHead | undefined> {
  const [head] = await em.execute<ChainHead[]>(
    'select seq, hash from audit_event where scope = ? order by seq desc limit 1',
    [scope],
  );
  return head;
}

export async function chainScopes(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ scope: string }[]>('select distinct scope from audit_event order by scope');
  return rows.map((r) => r.scope);
}

/** An audit_event row as stored (snake_case columns), for re-hashing. */
export interface AuditEventRow {
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

/** Up to `limit` links of one chain from `fromSeq` on, in order. */
export function chainLinks(
  em: EntityManager,
  scope: string,
  fromSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return em.execute<AuditEventRow[]>(
    'select * from audit_event where scope = ? and seq >= ? order by seq limit ?',
    [scope, fromSeq, limit],
  );
}
