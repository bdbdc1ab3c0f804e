/**
 * `npm run storage:sweep`: removes document blobs no version row points to, older than STORAGE_SWEEP_GRACE_HOURS
 * (default 24), and stale leftovers of interrupted writes. DATABASE_URL if set, else the embedded PostgreSQL under
 * DATA_DIR; the blob store is the deployment's (S3_BUCKET or DATA_DIR/blobs). Safe to run while the API serves.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { sweepDocumentBlobs } from '../src/documents/documents-sweep';
import { BLOB_STORAGE, type BlobStorage } from '../src/storage/blob-storage';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    config.databaseUrl = embedded.url;
  }
  config.jwtSecret ??= randomBytes(32).toString('hex'); // signs nothing; the auth module wants one
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn'],
    });
    try {
      const em = app.get(MikroORM).em.fork() as EntityManager;
      const result = await sweepDocumentBlobs(
        em,
        app.get<BlobStorage>(BLOB_STORAGE),
        config.storageSweepGraceHours,
      );
      process.stdout.write(
        `storage:sweep (grace ${config.storageSweepGraceHours} h): scanned ${result.scanned}, young ${result.young}, ` +
          `referenced ${result.referenced}, removed ${result.removed}, incomplete writes removed ${result.incompleteRemoved}\n`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`storage:sweep failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
