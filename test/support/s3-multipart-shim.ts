import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * s3rver (test/support/s3-server.ts) implements multipart create, UploadPart and Complete, but not ListParts nor
 * AbortMultipartUpload, which @tus/s3-store needs (HEAD computes the offset from the parts; termination and the sweep
 * abort). This loopback proxy forwards every request to s3rver unchanged (same Host header, so signatures still
 * verify) and answers those two operations itself, from the UploadPart answers it saw go by. Everything else (the
 * bytes, the objects, the completion) is s3rver's.
 */
export interface MultipartShim {
  endpoint: string;
  close(): Promise<void>;
}

interface SeenPart {
  number: number;
  etag: string;
  size: number;
}

export async function startMultipartShim(s3Endpoint: string): Promise<MultipartShim> {
  const target = new URL(s3Endpoint);
  const uploads = new Map<string, SeenPart[]>();
  // Completed or aborted: NoSuchUpload from then on. Any other id is taken as started (its create went by).
  const ended = new Set<string>();

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    onAnswer?: (answer: IncomingMessage) => void,
  ): void => {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        onAnswer?.(answer);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shim');
    const uploadId = url.searchParams.get('uploadId');
    const partNumber = url.searchParams.get('partNumber');
    if (uploadId === null) return forward(req, res);
    if (req.method === 'POST' && url.searchParams.has('uploads')) return forward(req, res);
    if (req.method === 'PUT' && partNumber !== null) {
      const size = Number(req.headers['content-length'] ?? 0);
      return forward(req, res, (answer) => {
        if (answer.statusCode !== 200) return;
        const parts = (uploads.get(uploadId) ?? []).filter((p) => p.number !== Number(partNumber));
        parts.push({ number: Number(partNumber), etag: String(answer.headers.etag), size });
        uploads.set(uploadId, parts);
      });
    }
    if (req.method === 'POST') {
      return forward(req, res, (answer) => {
        if (answer.statusCode === 200) ended.add(uploadId);
      });
    }
    req.resume();
    const parts = ended.has(uploadId) ? undefined : (uploads.get(uploadId) ?? []);
    if (req.method === 'DELETE') {
      ended.add(uploadId);
      res.writeHead(parts ? 204 : 404, parts ? {} : { 'Content-Type': 'application/xml' });
      return res.end(parts ? undefined : noSuchUpload(uploadId));
    }
    if (req.method === 'GET') {
      if (!parts) {
        res.writeHead(404, { 'Content-Type': 'application/xml' });
        return res.end(noSuchUpload(uploadId));
      }
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      return res.end(listParts(url.pathname, uploadId, parts));
    }
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function listParts(pathname: string, uploadId: string, parts: SeenPart[]): string {
  const [, bucket, ...key] = decodeURIComponent(pathname).split('/');
  const items = [...parts]
    .sort((a, b) => a.number - b.number)
    .map(
      (p) =>
        `<Part><PartNumber>${p.number}</PartNumber><ETag>${escapeXml(p.etag)}</ETag><Size>${p.size}</Size></Part>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key.join('/'))}</Key><UploadId>${escapeXml(uploadId)}</UploadId>` +
    `<IsTruncated>false</IsTruncated>${items}</ListPartsResult>`
  );
}

const noSuchUpload = (uploadId: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code>' +
  `<Message>The specified upload does not exist.</Message><UploadId>${escapeXml(uploadId)}</UploadId></Error>`;
