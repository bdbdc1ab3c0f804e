import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { AppConfig } from '../../src/config/app-config';
import { s3ClientFromConfig } from '../../src/storage/s3-blob-storage';

/** s3rver's fixed credentials: it verifies signatures against these. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** A client configured exactly as the app configures its own (s3ClientFromConfig). */
  client: S3Client;
  config: AppConfig;
  /** `METHOD /path?query` of every request the server received, in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver, in-process) on a loopback port, storing under a fresh temp directory, with
 * one empty bucket created through the S3 API. Not a mock: requests cross HTTP and are signed and verified.
 */
export async function startS3Server(bucket = 'convene-test'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'convene-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  fixSingleFirstByteRange(server);
  const restoreDes = provideDes();
  const { port } = await server.run();
  const requests: string[] = [];
  // A second listener only observes; s3rver's own handler still answers every request.
  server.httpServer?.on('request', (req: { method?: string; url?: string }) =>
    requests.push(`${req.method} ${req.url}`),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const config = AppConfig.fromEnv({
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
  });
  const client = s3ClientFromConfig(config);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    client,
    config,
    requests,
    async close() {
      client.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      restoreDes();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver 3.7.1 reads a range's end as `end || Infinity`, so `Range: bytes=0-0` (the first byte alone, which AWS S3
 * and MinIO answer with one byte) gets the whole object. Only that one case is corrected, in the server's store,
 * so the suite can hold the S3 backend to S3's behaviour.
 */
function fixSingleFirstByteRange(server: S3rver): void {
  const store = (server as unknown as { store: FilesystemStoreSlice }).store;
  const getObject = store.getObject.bind(store);
  store.getObject = async (bucket, key, options) => {
    const object = await getObject(bucket, key, options);
    if (options?.start === 0 && options.end === 0 && object?.content) {
      object.content.destroy();
      object.content = createReadStream(store.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 });
      object.range = { start: 0, end: 0 };
    }
    return object;
  };
}

interface StoredObjectSlice {
  content: NodeJS.ReadableStream & { destroy(): void };
  range?: { start: number; end: number };
}

interface FilesystemStoreSlice {
  getObject(
    bucket: string,
    key: string,
    options?: { start?: number; end?: number },
  ): Promise<StoredObjectSlice | null>;
  getResourcePath(bucket: string, key: string, resource: string): string;
}

let desUsers = 0;
let restoreDesCiphers: (() => void) | undefined;

/**
 * s3rver encrypts its ListObjectsV2 continuation tokens with single DES, which Node 20's OpenSSL 3 no longer offers
 * (legacy provider), so any truncated listing fails with InternalError. Triple DES (EDE) with one key repeated three
 * times is single DES, bit for bit, and is still available: `des` is served by `des-ede3-cbc` while a server runs.
 * Every other algorithm goes straight through; the originals are restored when the last server closes.
 */
function provideDes(): () => void {
  if (desUsers++ === 0) {
    const mutable = crypto as unknown as Record<'createCipheriv' | 'createDecipheriv', unknown>;
    const { createCipheriv, createDecipheriv } = crypto;
    const tripled = (key: Buffer): Buffer => Buffer.concat([key, key, key]);
    mutable.createCipheriv = (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
      algorithm === 'des'
        ? createCipheriv('des-ede3-cbc', tripled(key), iv)
        : (createCipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, options);
    mutable.createDecipheriv = (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
      algorithm === 'des'
        ? createDecipheriv('des-ede3-cbc', tripled(key), iv)
        : (createDecipheriv as (...args: unknown[]) => unknown)(algorithm, key, iv, options);
    restoreDesCiphers = () => {
      mutable.createCipheriv = createCipheriv;
      mutable.createDecipheriv = createDecipheriv;
    };
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--desUsers === 0) restoreDesCiphers?.();
  };
}
