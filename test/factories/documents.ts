import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { tinyPdf } from '../../scripts/demo/tiny-pdf';
import { DocumentVersion } from '../../src/documents/entities/document-version.entity';
import { Document } from '../../src/documents/entities/document.entity';
import { DISK_TMP_DIR } from '../../src/storage/disk-blob-storage';
import { BLOB_STORAGE, type BlobStorage } from '../../src/storage/blob-storage';
import { readdir } from 'node:fs/promises';
import type { AppConfigValues } from '../../src/config/app-config';
import { TestApp } from '../support/test-app';
import { TestUser } from './users';

export { tinyPdf };

/** A 1×1 transparent PNG (a real one: file-type recognises its signature and IHDR). */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const SAMPLE_PDF = tinyPdf(['Open data roadmap', 'A sample document for tests.']);

/** Test app configuration for document suites: blobs under a fresh temporary DATA_DIR. */
export const documentsConfig = (overrides: Partial<AppConfigValues> = {}): Partial<AppConfigValues> => ({
  dataDir: mkdtempSync(join(tmpdir(), 'convene-docs-')),
  ...overrides,
});

export interface UploadFields {
  title?: string;
  description?: string;
  kind?: string;
  visibility?: string;
  tags?: string[];
  meetingId?: string;
}

/** `POST /working-groups/:slug/documents` as multipart: the fields, then the file part. */
export function postDocument(
  t: TestApp,
  user: TestUser | null,
  slug: string,
  file: { bytes: Buffer; filename: string } | null = { bytes: SAMPLE_PDF, filename: 'roadmap.pdf' },
  fields: UploadFields = {},
): Test {
  let req = t.http.post(`/working-groups/${slug}/documents`);
  if (user) req = req.set(user.auth);
  const all = { title: 'Roadmap', kind: 'report', visibility: 'public', ...fields };
  for (const [name, value] of Object.entries(all)) {
    for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, v);
  }
  if (file)
    req = req.attach('file', file.bytes, {
      filename: file.filename,
      contentType: 'application/octet-stream',
    });
  return req;
}

export function postVersion(
  t: TestApp,
  user: TestUser,
  documentId: string,
  file: { bytes: Buffer; filename: string },
  note?: string,
): Test {
  let req = t.http.post(`/documents/${documentId}/versions`).set(user.auth);
  if (note !== undefined) req = req.field('note', note);
  return req.attach('file', file.bytes, { filename: file.filename, contentType: 'application/octet-stream' });
}

/** Uploads a document through the API and returns its answer. */
export async function createDocument(
  t: TestApp,
  user: TestUser,
  slug: string,
  fields: UploadFields = {},
  file?: { bytes: Buffer; filename: string },
): Promise<{ id: string; [key: string]: unknown }> {
  const res = await postDocument(t, user, slug, file, fields);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export const storageOf = (t: TestApp): BlobStorage => t.app.get<BlobStorage>(BLOB_STORAGE);

/** Blobs under `documents/`, plus any temp file a put left behind (both must be 0 after a refused upload). */
export async function blobCount(t: TestApp): Promise<{ blobs: number; temp: number }> {
  let blobs = 0;
  for await (const _ of storageOf(t).list('documents')) blobs++;
  let temp = 0;
  try {
    temp = (await readdir(join(t.config.dataDir, 'blobs', DISK_TMP_DIR))).length;
  } catch {
    temp = 0;
  }
  return { blobs, temp };
}

export async function documentRows(t: TestApp): Promise<{ documents: number; versions: number }> {
  const em = t.em();
  return { documents: await em.count(Document, {}), versions: await em.count(DocumentVersion, {}) };
}

/** Polls until `check` holds (storage cleanup after an abort runs when the server notices the disconnect). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
