/**
 * Memory of a large upload, measured where memory belongs (not in jest, whose workers share their heap with other
 * suites): the app's production build as its own process receives a generated 200 MB multipart upload from this
 * process, and its RSS (from /proc) is sampled every 20 ms; beside it, the same body sent to a minimal Node server
 * that streams it into a file (bench/upload-ceiling.ts). A streaming path grows by a few buffers; a buffering one by
 * at least the body.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { signedSessions } from './bench-sessions';
import { BenchProcess, rssKiBOf, startAppProcess, startPlainChild } from './processes';
import { round } from './support';

const MIB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BOUNDARY = '----convene-bench-upload';
/** A PDF signature, so the app's type sniffer accepts the body as the declared kind. */
const PDF_HEAD = Buffer.from('%PDF-1.4\n');

interface UploadRun {
  status: number;
  seconds: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssGrowthMiB: number;
}

export interface UploadMemoryResult {
  megabytes: number;
  convene: UploadRun;
  ceiling: UploadRun;
  /** Convene's RSS growth over the ceiling's (both small when both stream). */
  growthOverCeiling: number;
}

/** Sends a multipart body of `megabytes` MiB to `url` with backpressure, sampling `pid`'s RSS meanwhile. */
function upload(
  url: string,
  headers: Record<string, string>,
  megabytes: number,
  pid: number,
): Promise<UploadRun> {
  const head = Buffer.from(
    [
      ['title', 'Bench dataset'],
      ['kind', 'report'],
      ['visibility', 'members'],
    ]
      .map(([n, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
      .join('') +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="dataset.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const total = megabytes * MIB;
  const chunk = randomBytes(CHUNK);
  const first = Buffer.concat([PDF_HEAD, chunk.subarray(PDF_HEAD.length)]);
  const before = rssKiBOf(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiBOf(pid))), 20);
  const started = performance.now();
  return new Promise<UploadRun>((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        ...headers,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length': String(head.length + total + tail.length),
      },
    });
    req.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, rssKiBOf(pid));
        resolve({
          status: res.statusCode ?? 0,
          seconds: round((performance.now() - started) / 1000, 1),
          rssBeforeMiB: round(before / 1024, 1),
          rssPeakMiB: round(peak / 1024, 1),
          rssGrowthMiB: round((peak - before) / 1024, 1),
        });
      });
    });
    req.write(head);
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        const piece = sent === 0 ? first : chunk;
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

export async function runUploadMemory(databaseUrl: string, megabytes: number): Promise<UploadMemoryResult> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-bench-upload-'));
  let app: BenchProcess | undefined;
  let ceiling: BenchProcess | undefined;
  try {
    const [user] = await signedSessions(db, 1);
    const { rows } = await db.query<{ slug: string }>(
      `with g as (
         insert into working_group (id, created_at, updated_at, slug, name, theme, description, status, visibility)
         values (gen_random_uuid(), now(), now(), 'bench-upload', 'Bench upload', 'open_data', 'npm run bench',
                 'active', 'members')
         returning id, slug)
       insert into membership (id, created_at, updated_at, group_id, user_id, role, status, approved_at)
       select gen_random_uuid(), now(), now(), g.id, $1, 'member', 'active', now() from g
       returning (select slug from g)`,
      [user.id],
    );
    app = await startAppProcess(databaseUrl, { DATA_DIR: dataDir, MAX_UPLOAD_MB: String(megabytes + 10) });
    ceiling = await startPlainChild('upload-ceiling.ts');
    const auth = { Authorization: `Bearer ${user.token}` };
    const appUrl = `${app.url}/working-groups/${rows[0].slug}/documents`;
    // Warm-up: code paths loaded, pools open, so the measured growth is the upload's and not start-up's.
    await upload(appUrl, auth, 2, app.pid);
    await upload(ceiling.url, {}, 2, ceiling.pid);
    const convene = await upload(appUrl, auth, megabytes, app.pid);
    const base = await upload(ceiling.url, {}, megabytes, ceiling.pid);
    return {
      megabytes,
      convene,
      ceiling: base,
      growthOverCeiling: base.rssGrowthMiB > 0 ? round(convene.rssGrowthMiB / base.rssGrowthMiB, 1) : 0,
    };
  } finally {
    await Promise.all([app?.stop(), ceiling?.stop()]);
    await db.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
