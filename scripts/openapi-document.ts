/**
 * Writes the OpenAPI document to a file without a database or a listening server:
 *   ts-node scripts/openapi-document.ts [out.json]   (default: dist/openapi.json)
 * The app is created in Nest's preview mode, which resolves modules and routes but instantiates no provider, so
 * nothing connects anywhere; the configuration only has to parse (the placeholder URL is never dialled).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppModule } from '../src/app.module';
import { buildOpenApiDocument } from '../src/app.setup';
import { AppConfig } from '../src/config/app-config';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/openapi.json');
  const config = AppConfig.fromEnv(
    {},
    {
      databaseUrl: 'postgres://openapi@127.0.0.1:1/never-connected',
      jwtSecret: 'openapi-document-placeholder-secret-0123456789',
      logLevel: 'silent',
    },
  );
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  const document = buildOpenApiDocument(app);
  await app.close();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi-document failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
