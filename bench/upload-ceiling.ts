/**
 * The ceiling of the upload-memory scenario: a minimal Node HTTP server that streams each request body into a
 * file and answers 201. What Convene adds on top (multipart parsing, type sniffing, hashing, the transaction) is
 * what the ratio shows. Prints `listening on <url>`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = mkdtempSync(join(tmpdir(), 'convene-bench-upload-ceiling-'));
let n = 0;
const server = createServer((req, res) => {
  const file = join(dir, `body-${++n}`);
  pipeline(req, createWriteStream(file, { flush: true }))
    .then(() => {
      rmSync(file, { force: true });
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    })
    .catch(() => res.writeHead(500).end());
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
