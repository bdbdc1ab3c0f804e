import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DISK_TMP_DIR } from '../src/storage/disk-blob-storage';
import { documentsConfig, SAMPLE_PDF } from './factories/documents';
import { useGroupCast } from './factories/groups';

const MIB = 1024 * 1024;
const CHUNK = 64 * 1024;
/** Sent before the client pauses: the server must have written nearly all of it to storage by then. */
const BEFORE_PAUSE = 16 * MIB;
const AFTER_PAUSE = 8 * MIB;
/**
 * What may still sit in the server's buffers while the client is paused: busboy's, the inspector's and the file
 * stream's high-water marks (16-64 KiB each) plus the socket's. 1 MiB is far above those and far below a buffered
 * body (16 MiB, of which a buffering server writes nothing before the body ends).
 */
const IN_FLIGHT_SLACK = 1 * MIB;
const BOUNDARY = '----convene-streaming-test';

async function bytesInTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((name) =>
      stat(join(dir, name)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * An upload is streamed into storage as it arrives, never held whole: the client sends part of the file and
 * pauses, and the part is already in the blob store's temp file. This is the deterministic check; how much memory
 * a large upload costs the server process is measured in `bench/` (`npm run bench`, scenario upload-memory).
 */
describe('Documents: an upload streams into storage while it arrives', () => {
  const { t, cast } = useGroupCast(documentsConfig());
  afterAll(() => rm(t.config.dataDir, { recursive: true, force: true }));

  it(`has written all but ${IN_FLIGHT_SLACK / MIB} MiB of the first ${BEFORE_PAUSE / MIB} MiB before the body ends`, async () => {
    const head = Buffer.from(
      [
        ['title', 'Large dataset'],
        ['kind', 'report'],
        ['visibility', 'members'],
      ]
        .map(([n, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
        .join('') +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="dataset.pdf"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    // A PDF header first, so the sniffer has something to find; then random bytes, one chunk reused.
    const chunk = randomBytes(CHUNK);
    const hash = createHash('sha256');
    const total = BEFORE_PAUSE + AFTER_PAUSE;
    const tmpDir = join(t.config.dataDir, 'blobs', DISK_TMP_DIR);

    const req = httpRequest(new URL(`/working-groups/${cast.group.slug}/documents`, t.url), {
      method: 'POST',
      headers: {
        ...cast.member.auth,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length': String(head.length + total + tail.length),
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    });
    let sent = 0;
    const sendUpTo = (limit: number): Promise<void> =>
      new Promise((resolve) => {
        const pump = (): void => {
          while (sent < limit) {
            const piece = sent === 0 ? Buffer.concat([SAMPLE_PDF.subarray(0, 8), chunk.subarray(8)]) : chunk;
            hash.update(piece);
            sent += piece.length;
            if (!req.write(piece)) {
              req.once('drain', pump);
              return;
            }
          }
          resolve();
        };
        pump();
      });

    req.write(head);
    await sendUpTo(BEFORE_PAUSE);
    // Paused: poll the temp file until the server has written what it was sent (or give up after 20 s).
    let written = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      written = await bytesInTempFiles(tmpDir);
      if (written >= BEFORE_PAUSE - IN_FLIGHT_SLACK) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sendUpTo(total);
    req.end(tail);
    const { status, body } = await answer;

    expect(written).toBeGreaterThanOrEqual(BEFORE_PAUSE - IN_FLIGHT_SLACK);
    expect(written).toBeLessThanOrEqual(BEFORE_PAUSE);
    expect(status).toBe(201);
    const version = (JSON.parse(body) as { latestVersion: { size: number; sha256: string } }).latestVersion;
    expect(version).toMatchObject({ size: total, sha256: hash.digest('hex') });
    // Published by rename: nothing is left in the temp directory.
    expect(await readdir(tmpDir)).toEqual([]);
  }, 60_000);
});
