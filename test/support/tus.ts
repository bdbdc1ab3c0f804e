import { createHash } from 'node:crypto';
import { request, type IncomingHttpHeaders, type ClientRequest } from 'node:http';
import type { Readable } from 'node:stream';

/** tus 1.0 over raw HTTP: every header is the test's, so the protocol's edge cases can be sent exactly. */
export interface TusAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export const TUS = { 'Tus-Resumable': '1.0.0' };

export const metadata = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');

/** Sends one request and reads the whole answer. */
export function tusRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<TusAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method, headers: { ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts a PATCH that announces `declaredLength` bytes and sends only `chunk`: the caller waits for the server to
 * hold those bytes, then `drop()`s the connection mid-body, as a weak network would.
 */
export function startInterruptedPatch(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  chunk: Buffer,
  declaredLength: number,
): { drop(): void } {
  const req: ClientRequest = request(new URL(path, baseUrl), {
    method: 'PATCH',
    headers: { ...headers, 'Content-Length': String(declaredLength) },
  });
  req.on('error', () => undefined); // the socket is destroyed on purpose
  req.write(chunk);
  return { drop: () => req.destroy() };
}

export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
