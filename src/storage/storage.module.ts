import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { BLOB_STORAGE, type BlobStorage } from './blob-storage';
import { DiskBlobStorage } from './disk-blob-storage';
import { S3BlobStorage, s3ClientFromConfig } from './s3-blob-storage';

/** The blob store for this deployment: the S3_BUCKET bucket when set, else files under `<DATA_DIR>/blobs`. */
export function createBlobStorage(config: AppConfig): BlobStorage {
  if (config.s3Bucket) {
    return new S3BlobStorage({ client: s3ClientFromConfig(config), bucket: config.s3Bucket });
  }
  return new DiskBlobStorage(join(config.dataDir, 'blobs'));
}

/** Provides and exports `BLOB_STORAGE`; contexts that store bytes (documents, uploads) import this module. */
@Module({
  providers: [{ provide: BLOB_STORAGE, useFactory: createBlobStorage, inject: [AppConfig] }],
  exports: [BLOB_STORAGE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(BLOB_STORAGE) private readonly storage: BlobStorage) {}

  /** The S3 client keeps sockets alive between requests; the disk store holds nothing open between calls. */
  onApplicationShutdown(): void {
    if (this.storage instanceof S3BlobStorage) this.storage.close();
  }
}
