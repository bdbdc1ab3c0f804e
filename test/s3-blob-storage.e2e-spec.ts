import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { newBlobKey } from '../src/storage/blob-storage';
import { S3_PART_SIZE, S3BlobStorage } from '../src/storage/s3-blob-storage';
import { createBlobStorage } from '../src/storage/storage.module';
import { sweepOrphans } from '../src/storage/sweep';
import { describeBlobStorageContract, generatedStream, MiB } from './support/blob-storage-contract';
import { startS3Server, S3TestServer } from './support/s3-server';

/**
 * The S3 backend against a real S3-compatible server (s3rver, in-process on a loopback port), built from
 * configuration exactly as the app builds it. s3rver implements neither ListMultipartUploads nor
 * AbortMultipartUpload, so "no dangling upload" is checked by observing that the abort request is sent.
 */
describeBlobStorageContract('s3', async () => {
  const server = await startS3Server('convene-contract');
  const partsStarted = (): number =>
    server.requests.filter((request) => /^PUT .*partNumber=/.test(request)).length;
  return {
    storage: createBlobStorage(server.config),
    // A part request arrives with its body on the way: the SDK has let go of it once it is sent.
    handedOn: () => Promise.resolve(partsStarted() * S3_PART_SIZE),
    // The part being filled when the source paused.
    handOnSlack: S3_PART_SIZE,
    close: () => server.close(),
  };
});

describe('S3BlobStorage specifics', () => {
  let server: S3TestServer;

  beforeAll(async () => {
    server = await startS3Server('convene-s3-specifics');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is what StorageModule picks when S3_BUCKET is set', () => {
    const storage = createBlobStorage(server.config);
    expect(storage).toBeInstanceOf(S3BlobStorage);
    expect(storage.kind).toBe('s3');
    expect((storage as S3BlobStorage).bucket).toBe('convene-s3-specifics');
  });

  it('aborts the multipart upload when the source fails after parts were sent', async () => {
    const storage = new S3BlobStorage({ client: server.client, bucket: server.bucket });
    const key = newBlobKey('documents');
    const seen = server.requests.length;
    await expect(storage.put(key, generatedStream(30 * MiB, { failAfter: 16 * MiB }))).rejects.toThrow(
      'source failed midway',
    );
    const path = `/${server.bucket}/${key}`;
    const requests = server.requests.slice(seen).filter((request) => request.includes(path));
    expect(requests.some((request) => /^POST .*\?uploads/.test(request))).toBe(true);
    expect(requests.some((request) => /^PUT .*partNumber=/.test(request))).toBe(true);
    expect(requests.some((request) => /^DELETE .*uploadId=/.test(request))).toBe(true);
    expect(requests.some((request) => /^POST .*uploadId=/.test(request))).toBe(false);
    await expect(storage.stat(key)).resolves.toBeNull();
  });

  it('lists across ListObjectsV2 pages', async () => {
    const storage = new S3BlobStorage({ client: server.client, bucket: server.bucket, listPageSize: 2 });
    const keys = [];
    for (let i = 0; i < 5; i++) {
      const key = newBlobKey('paged');
      keys.push(key);
      await storage.put(key, Readable.from([Buffer.from(`blob ${i}`)]));
    }
    const seen = server.requests.length;
    const listed = [];
    for await (const blob of storage.list('paged/')) listed.push(blob.key);
    expect(listed.sort()).toEqual(keys.sort());
    // 5 keys, 2 a page: the third page holds the last key and is not truncated.
    const pages = server.requests.slice(seen).filter((request) => request.includes('list-type=2'));
    expect(pages).toHaveLength(3);
    // The same answer through the SDK directly, so the listing is the bucket's and not the store's invention.
    const direct = await server.client.send(
      new ListObjectsV2Command({ Bucket: server.bucket, Prefix: 'paged/' }),
    );
    expect(direct.KeyCount).toBe(5);
  });

  it('stores the declared content type', async () => {
    const storage = new S3BlobStorage({ client: server.client, bucket: server.bucket });
    const key = newBlobKey('typed');
    await storage.put(key, Readable.from([Buffer.from('%PDF-1.7')]), { contentType: 'application/pdf' });
    const head = await server.client.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
    expect(head.ContentType).toBe('application/pdf');
    expect(head.ContentLength).toBe(8);
  });

  it('is swept like disk: unreferenced blobs past the cutoff go, referenced ones stay', async () => {
    const storage = new S3BlobStorage({ client: server.client, bucket: server.bucket, listPageSize: 2 });
    const kept = newBlobKey('sweep');
    const orphans = [newBlobKey('sweep'), newBlobKey('sweep'), newBlobKey('sweep')];
    for (const key of [kept, ...orphans]) await storage.put(key, Readable.from([Buffer.from(key)]));
    // s3rver cannot backdate an object, so the cutoff moves forward instead: every blob is past it.
    const result = await sweepOrphans(
      storage,
      'sweep/',
      (batch) => Promise.resolve(new Set(batch.filter((key) => key === kept))),
      { olderThan: new Date(Date.now() + 60_000), batchSize: 2 },
    );
    expect(result).toEqual({ scanned: 4, young: 0, referenced: 1, removed: 3, incompleteRemoved: 0 });
    const left = [];
    for await (const blob of storage.list('sweep/')) left.push(blob.key);
    expect(left).toEqual([kept]);
  });

  it('removeIncomplete answers 0 on a server without ListMultipartUploads', async () => {
    const storage = new S3BlobStorage({ client: server.client, bucket: server.bucket });
    await expect(storage.removeIncomplete(new Date(), 'documents/')).resolves.toBe(0);
  });
});
