/**
 * npm run uploads:sweep — removes expired resumable uploads (unfinished past UPLOAD_EXPIRY_HOURS, or finished and
 * never consumed for as long): bytes in the tus store (disk under DATA_DIR, or S3_BUCKET), then rows. The server does
 * the same every UPLOAD_SWEEP_INTERVAL_MINUTES; this is for deployments that turn that timer off (cron).
 * Exit 0 when every expired upload was removed, 1 when some could not be (they are retried next time).
 */
import { createTusStore } from '../src/uploads/tus-store';
import { sweepExpiredUploads } from '../src/uploads/upload-sweep';
import { runWithOrm } from './run-with-orm';

runWithOrm('upload sweep', async (em, config) => {
  const report = await sweepExpiredUploads(em, createTusStore(config));
  process.stdout.write(`uploads swept: ${report.removed} removed, ${report.failed} failed\n`);
  return report.failed > 0 ? 1 : 0;
});
