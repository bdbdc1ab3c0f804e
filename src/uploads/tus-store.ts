import { FileStore } from '@tus/file-store';
import { S3Store } from '@tus/s3-store';
import type { DataStore } from '@tus/server';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type { AppConfig } from '../config/app-config';

/** Nest injection token for the tus DataStore (disk or S3) of this process. */
export const TUS_STORE = Symbol('TUS_STORE');

/**
 * Store keys are `uploads/<uuid>`: on disk that is `<DATA_DIR>/uploads/<uuid>` (with tus's `<uuid>.json` beside it),
 * on S3 the `uploads/` prefix, apart from the `documents/` blobs that storage:sweep lists. The uuid is ours, never
 * the client's, and is checked before it reaches the store, so no request can name a path.
 */
export const storeKey = (uploadId: string): string => `uploads/${uploadId}`;
export const uploadIdOf = (key: string): string => key.replace(/^uploads\//, '');

/** S3 multipart parts; tus needs at least 5 MiB for every part but the last. */
const S3_PART_SIZE = 8 * 1024 * 1024;

/** The configured tus store: S3 when S3_BUCKET is set, else files under DATA_DIR. */
export function createTusStore(config: AppConfig): DataStore {
  const expirationPeriodInMilliseconds = config.uploadExpiryHours * 3_600_000;
  if (!config.s3Bucket) {
    return new FileStore({ directory: config.dataDir, expirationPeriodInMilliseconds });
  }
  const credentials =
    config.s3AccessKeyId && config.s3SecretAccessKey
      ? { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey }
      : undefined;
  return new RemovableS3Store({
    partSize: S3_PART_SIZE,
    // Object tags are for bucket lifecycle rules; our sweep removes expired uploads itself, and not every
    // S3-compatible server implements tagging.
    useTags: false,
    expirationPeriodInMilliseconds,
    s3ClientConfig: {
      bucket: config.s3Bucket,
      region: config.s3Region,
      endpoint: config.s3Endpoint,
      // As document storage (src/storage): path-style by default exactly when an endpoint is given.
      forcePathStyle: config.s3ForcePathStyle ?? Boolean(config.s3Endpoint),
      credentials,
      // As document storage: S3-compatible servers (older MinIO, s3rver) reject the SDK's default checksum
      // headers; AWS keeps the default.
      ...(config.s3Endpoint
        ? {
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
    },
  });
}

/** S3 error codes meaning "already gone". */
const GONE = new Set(['NoSuchUpload', 'NoSuchKey', 'NotFound']);
const s3Code = (error: unknown): string | undefined => {
  const e = error as { Code?: unknown; name?: unknown };
  return typeof e?.Code === 'string' ? e.Code : typeof e?.name === 'string' ? e.name : undefined;
};

/**
 * S3Store whose `remove` also works on a finished upload and leaves nothing behind: @tus/s3-store 1.9.1 aborts the
 * multipart upload first and gives up when S3 answers NoSuchUpload (which it does for every completed upload), and
 * never deletes the `.part` object holding a trailing chunk smaller than a part.
 */
class RemovableS3Store extends S3Store {
  override async remove(id: string): Promise<void> {
    let uploadId: string | undefined;
    try {
      uploadId = (await this.getMetadata(id))['upload-id'];
    } catch (error) {
      if (!GONE.has(s3Code(error) ?? '')) throw error;
    }
    if (uploadId) {
      try {
        await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId });
      } catch (error) {
        if (!GONE.has(s3Code(error) ?? '')) throw error;
      }
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [{ Key: id }, { Key: this.infoKey(id) }, { Key: this.partKey(id, true) }] },
    });
    await this.clearCache(id);
  }
}

interface Readable_ {
  read(id: string): Readable | Promise<Readable>;
}

/**
 * A fresh stream of a stored upload from byte 0. FileStore opens a file at once, S3Store only after a GetObject,
 * so the caller gets a stream now and the bytes (or the error) when they come.
 */
export function openStored(store: DataStore, key: string): Readable {
  const out = new PassThrough();
  Promise.resolve()
    .then(() => (store as unknown as Readable_).read(key))
    .then(
      (source) => pipeline(source, out, () => undefined),
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  return out;
}
