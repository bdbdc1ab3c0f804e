import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { BLOB_STORAGE, BlobStorage } from './blob-storage';
import { DiskBlobStorage } from './disk-blob-storage';

/** The blob store for this deployment: local disk under `<DATA_DIR>/blobs` unless S3_BUCKET is set. */
export function createBlobStorage(config: AppConfig): BlobStorage {
  return new DiskBlobStorage(join(config.dataDir, 'blobs'));
}

/** Provides and exports `BLOB_STORAGE`; contexts that store bytes (documents, uploads) import this module. */
@Module({
  providers: [{ provide: BLOB_STORAGE, useFactory: createBlobStorage, inject: [AppConfig] }],
  exports: [BLOB_STORAGE],
})
export class StorageModule {}
