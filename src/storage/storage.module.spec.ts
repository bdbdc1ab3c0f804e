import { Test } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { BLOB_STORAGE, BlobStorage } from './blob-storage';
import { DiskBlobStorage } from './disk-blob-storage';
import { S3BlobStorage } from './s3-blob-storage';
import { createBlobStorage, StorageModule } from './storage.module';

describe('StorageModule', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'convene-storage-module-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provides disk storage under DATA_DIR/blobs when S3_BUCKET is unset', async () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), StorageModule],
    }).compile();
    const storage = moduleRef.get<BlobStorage>(BLOB_STORAGE);
    expect(storage).toBeInstanceOf(DiskBlobStorage);
    expect(storage.kind).toBe('disk');
    expect((storage as DiskBlobStorage).root).toBe(join(dataDir, 'blobs'));
    moduleRef.enableShutdownHooks();
    await moduleRef.close();
  });

  it('provides S3 storage through the module when S3_BUCKET is set', async () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir, S3_BUCKET: 'convene-documents' });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), StorageModule],
    }).compile();
    expect(moduleRef.get<BlobStorage>(BLOB_STORAGE)).toBeInstanceOf(S3BlobStorage);
    moduleRef.enableShutdownHooks();
    await moduleRef.close();
  });

  it('picks S3 when S3_BUCKET is set, path-style exactly when an endpoint is given unless told otherwise', async () => {
    const withEndpoint = createBlobStorage(
      AppConfig.fromEnv({ S3_BUCKET: 'convene-documents', S3_ENDPOINT: 'http://127.0.0.1:9' }),
    ) as S3BlobStorage;
    expect(withEndpoint).toBeInstanceOf(S3BlobStorage);
    expect(withEndpoint.bucket).toBe('convene-documents');
    const client = (withEndpoint as unknown as { client: { config: { forcePathStyle?: boolean } } }).client;
    expect(client.config.forcePathStyle).toBe(true);

    const aws = createBlobStorage(AppConfig.fromEnv({ S3_BUCKET: 'convene-documents' })) as S3BlobStorage;
    const awsClient = (
      aws as unknown as { client: { config: { forcePathStyle?: boolean; region: () => Promise<string> } } }
    ).client;
    expect(awsClient.config.forcePathStyle).toBe(false);
    await expect(awsClient.config.region()).resolves.toBe('us-east-1');

    const forcedOff = createBlobStorage(
      AppConfig.fromEnv({
        S3_BUCKET: 'b-1',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_FORCE_PATH_STYLE: 'false',
      }),
    ) as S3BlobStorage;
    expect(
      (forcedOff as unknown as { client: { config: { forcePathStyle?: boolean } } }).client.config
        .forcePathStyle,
    ).toBe(false);
  });
});
