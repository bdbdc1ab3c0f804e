import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config';
import { BlobListing, BlobNotFoundError, BlobRange, BlobStat, BlobStorage } from './blob-storage';
import { assertBlobKey, assertBlobPrefix } from './blob-keys';

/**
 * Multipart part size and how many parts are in flight at once. A put holds at most about
 * `(queueSize + 1) × partSize` of the body in memory (parts being sent plus the one being filled), whatever the
 * object's size: 5 MiB × (4 + 1) ≈ 25 MiB. 5 MiB is S3's minimum part size; 10 000 parts of it (S3's maximum count)
 * is ~48 GiB, far above MAX_UPLOAD_MB's ceiling.
 */
export const S3_PART_SIZE = 5 * 1024 * 1024;
export const S3_QUEUE_SIZE = 4;

export interface S3BlobStorageOptions {
  client: S3Client;
  bucket: string;
  partSize?: number;
  queueSize?: number;
  /** ListObjectsV2 page size (S3's maximum and default: 1000); smaller only to exercise pagination in tests. */
  listPageSize?: number;
}

/** The S3 client for the configured bucket. Credentials go to the SDK only; nothing here logs them. */
export function s3ClientFromConfig(config: AppConfig): S3Client {
  const endpoint = config.s3Endpoint;
  return new S3Client({
    region: config.s3Region,
    endpoint,
    forcePathStyle: config.s3ForcePathStyle ?? Boolean(endpoint),
    credentials:
      config.s3AccessKeyId && config.s3SecretAccessKey
        ? { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey }
        : undefined,
    // S3-compatible servers (older MinIO, s3rver, ...) reject or mangle the SDK's default CRC32 checksum headers and
    // aws-chunked trailers; AWS itself keeps the default. Integrity end to end is the documents' sha256 anyway.
    ...(endpoint
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  // A missing bucket is a misconfiguration to surface, not an absent blob.
  if (error.name === 'NoSuchBucket') return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/**
 * Blobs as objects of one bucket, key for key. A put is a streaming multipart upload (`@aws-sdk/lib-storage`) with a
 * bounded queue, or a single PutObject when the body fits in one part; the object appears only when the upload
 * completes, so a failed put leaves no object. lib-storage aborts the multipart upload on failure; if that abort
 * fails too, `removeIncomplete` (run by the sweep) or a bucket lifecycle rule removes the dangling parts.
 */
export class S3BlobStorage implements BlobStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly listPageSize: number;

  constructor(options: S3BlobStorageOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.partSize = options.partSize ?? S3_PART_SIZE;
    this.queueSize = options.queueSize ?? S3_QUEUE_SIZE;
    this.listPageSize = options.listPageSize ?? 1000;
  }

  async put(key: string, body: Readable, options?: { contentType?: string }): Promise<{ size: number }> {
    assertBlobKey(key);
    let size = 0;
    let sourceError: unknown;
    // Counts bytes as lib-storage pulls them, and remembers the body's own error: if lib-storage's abort of the
    // multipart upload fails in turn, its error would otherwise replace the cause the caller must see.
    const counted = Readable.from(
      (async function* count() {
        try {
          for await (const chunk of body as AsyncIterable<Buffer | string>) {
            size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
            yield chunk;
          }
        } catch (error) {
          sourceError = error;
          throw error;
        }
      })(),
      { objectMode: false },
    );
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: options?.contentType },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // Stop the source too (as the disk store's pipeline does): nothing will consume the rest of it.
      counted.destroy();
      body.destroy();
      throw sourceError ?? error;
    }
    return { size };
  }

  async read(key: string, range?: BlobRange): Promise<Readable> {
    assertBlobKey(key);
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // In Node the SDK's body is the HTTP response stream (an IncomingMessage), read as it arrives.
      return answer.Body as Readable;
    } catch (error) {
      throw isNotFound(error) ? new BlobNotFoundError(key) : error;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    assertBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** DeleteObject already succeeds for an absent key. */
  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** One ListObjectsV2 page at a time: never more than a page of listings in memory. */
  async *list(prefix: string): AsyncIterable<BlobListing> {
    assertBlobPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: token,
          MaxKeys: this.listPageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's kept-alive sockets (at shutdown); the client would reconnect if used again. */
  close(): void {
    this.client.destroy();
  }

  /**
   * Aborts multipart uploads under `prefix` started before `olderThan` (a put that crashed, or whose own abort failed): their parts
   * are invisible but billed. Younger ones may belong to a put in progress. Returns how many were aborted; 0 on a
   * server that does not implement ListMultipartUploads (s3rver), where nothing can be listed.
   */
  async removeIncomplete(olderThan: Date, prefix: string): Promise<number> {
    assertBlobPrefix(prefix);
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
      } catch (error) {
        if (error instanceof S3ServiceException && error.name === 'NotImplemented') return removed;
        throw error;
      }
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= olderThan) continue;
        await this.client.send(
          new AbortMultipartUploadCommand({
            Bucket: this.bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        );
        removed++;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }
}
