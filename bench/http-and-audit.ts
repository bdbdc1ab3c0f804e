/**
 * The request/persistence scenarios: an organisation list over HTTP next to the raw SELECT behind it, and the
 * locked, hash-chained audit append next to a raw single-row INSERT in a transaction.
 */
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { PLATFORM_SCOPE } from '../src/audit/audit-hash';
import { AuditService } from '../src/audit/audit.service';
import { BenchApp, measure, mib, ratio, Result, rssMiB, settledHeapUsed } from './support';

declare module '../src/audit/audit-actions' {
  interface AuditActionMap {
    /** Appended by the benchmark to its own throw-away database only. */
    'bench.event': 'Bench';
  }
}

export interface HttpAndAuditResult {
  results: Result[];
  comparisons: { httpListCostVsRawSelect: number; chainedAuditCostVsRawInsert: number };
  memory: { heapGrowthMiB: number; rssMiB: number };
}

export async function runHttpAndAudit(
  bench: BenchApp,
  databaseUrl: string,
  iterations: number,
): Promise<HttpAndAuditResult> {
  const raw = new Client({ connectionString: databaseUrl });
  await raw.connect();
  try {
    for (let i = 0; i < 100; i++) {
      await raw.query(
        "insert into organization (id, created_at, updated_at, name, kind, country) values (gen_random_uuid(), now(), now(), $1, 'civil_society', 'BR')",
        [`Bench Org ${String(i).padStart(3, '0')}`],
      );
    }
    const heapBefore = settledHeapUsed();

    const rawList = await measure('raw pg: select 50 organisations', iterations, () =>
      raw.query('select * from organization order by name, id limit 51'),
    );
    const httpList = await measure('GET /organizations?limit=50 (HTTP, ORM, DTOs)', iterations, async () => {
      const res = await fetch(`${bench.url}/organizations?limit=50`);
      await res.arrayBuffer();
    });

    let rawSeq = 0;
    const rawInsert = await measure('raw pg: insert one row in a transaction', iterations, async () => {
      await raw.query('begin');
      await raw.query(
        "insert into audit_event (scope, seq, action, entity_type, entity_id, occurred_at, hash) values ('bench-raw', $1, 'x', 'X', 'x', now(), 'h')",
        [++rawSeq],
      );
      await raw.query('commit');
    });
    const orm = bench.app.get(MikroORM);
    const audit = bench.app.get(AuditService);
    const chained = await measure(
      'AuditService.record: locked, hash-chained append in a transaction',
      iterations,
      (i) =>
        (orm.em.fork() as EntityManager).transactional((em) =>
          audit.record(
            em,
            { user: null, requestId: `bench-${i}` },
            {
              scope: PLATFORM_SCOPE,
              action: 'bench.event',
              entityType: 'Bench',
              entityId: String(i),
              after: { i },
            },
          ),
        ),
    );
    const heapAfter = settledHeapUsed();
    return {
      results: [rawList, httpList, rawInsert, chained],
      comparisons: {
        httpListCostVsRawSelect: ratio(httpList, rawList),
        chainedAuditCostVsRawInsert: ratio(chained, rawInsert),
      },
      memory: {
        heapGrowthMiB: mib(heapAfter - heapBefore),
        rssMiB: rssMiB(),
      },
    };
  } finally {
    await raw.end();
  }
}
