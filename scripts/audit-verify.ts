/**
 * npm run audit:verify — walks every audit chain and names the first broken link. Exit 0 when intact, 1 when not.
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (stop the server first: one process per data dir).
 */
import { verifyAuditChains } from '../src/audit/audit-verifier';
import { runWithOrm } from './run-with-orm';

runWithOrm('audit verification', async (em) => {
  const report = await verifyAuditChains(em);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (report.broken) {
    process.stderr.write(
      `audit chain BROKEN in scope ${report.broken.scope} at seq ${report.broken.seq} (event ${report.broken.id}): ${report.broken.reason}\n`,
    );
    return 1;
  }
  process.stdout.write(`audit chains intact: ${report.scopes} scope(s), ${report.events} event(s)\n`);
  return 0;
});
