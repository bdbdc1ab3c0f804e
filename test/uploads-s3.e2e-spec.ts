import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Upload } from '../src/uploads/entities/upload.entity';
import { FINISHED_UPLOADS, FinishedUploads } from '../src/uploads/finished-uploads';
import { UploadsService } from '../src/uploads/uploads.service';
import { createUser, TestUser } from './factories/users';
import { startMultipartShim, MultipartShim } from './support/s3-multipart-shim';
import { startS3Server, S3TestServer } from './support/s3-server';
import { createTestApp, TestApp } from './support/test-app';
import { metadata, sha256, sha256Of, startInterruptedPatch, TUS, tusRequest } from './support/tus';

const OCTETS = { 'Content-Type': 'application/offset+octet-stream' };

/**
 * The same protocol on @tus/s3-store, against a real S3-compatible server (s3rver) on loopback, behind a proxy that
 * adds the two multipart operations s3rver lacks (ListParts, AbortMultipartUpload; see s3-multipart-shim.ts).
 */
describe('uploads (tus, S3 store)', () => {
  let s3: S3TestServer;
  let shim: MultipartShim;
  let t: TestApp;
  let dataDir: string;
  let owner: TestUser;

  beforeAll(async () => {
    s3 = await startS3Server('convene-uploads');
    shim = await startMultipartShim(s3.endpoint);
    dataDir = mkdtempSync(join(tmpdir(), 'convene-uploads-s3-'));
    t = await createTestApp({
      dataDir,
      uploadSweepIntervalMinutes: 0,
      s3Bucket: s3.config.s3Bucket,
      s3Endpoint: shim.endpoint,
      s3AccessKeyId: s3.config.s3AccessKeyId,
      s3SecretAccessKey: s3.config.s3SecretAccessKey,
    });
    owner = await createUser(t);
  });
  afterAll(async () => {
    await t?.close();
    await shim?.close();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = (): Record<string, string> => ({ ...TUS, ...owner.auth });
  const keys = async (): Promise<string[]> =>
    ((await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map(
      (o) => o.Key!,
    );

  it('resumes an interrupted upload in the bucket, hands it over intact, and removes it', async () => {
    // Over one 8 MiB part, so S3 multipart is exercised: a full part and a last, smaller one.
    const source = randomBytes(9 * 1024 * 1024 + 12_345);
    const created = await tusRequest(t.url, 'POST', '/uploads', {
      ...auth(),
      'Upload-Length': String(source.length),
      'Upload-Metadata': metadata({ filename: 'budget.xlsx' }),
    });
    expect(created.body).toBe('');
    expect(created.status).toBe(201);
    const id = String(created.headers.location).split('/').pop()!;
    expect(await keys()).toContain(`uploads/${id}.info`);

    const first = source.subarray(0, 3 * 1024 * 1024);
    const patch = startInterruptedPatch(
      t.url,
      `/uploads/${id}`,
      { ...auth(), ...OCTETS, 'Upload-Offset': '0' },
      first,
      source.length,
    );
    // The server holds what arrived once the dropped PATCH is wound up; HEAD waits for that (the upload's lock).
    await new Promise((resolve) => setTimeout(resolve, 500));
    patch.drop();
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i += 1) {
      const head = await tusRequest(t.url, 'HEAD', `/uploads/${id}`, auth());
      expect(head.status).toBe(200);
      offset = Number(head.headers['upload-offset']);
      if (offset === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(first.length);

    const resumed = await tusRequest(
      t.url,
      'PATCH',
      `/uploads/${id}`,
      { ...auth(), ...OCTETS, 'Upload-Offset': String(offset) },
      source.subarray(offset),
    );
    expect(resumed.status).toBe(204);
    expect(resumed.headers['upload-offset']).toBe(String(source.length));

    const stored = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `uploads/${id}` }));
    expect(stored.ContentLength).toBe(source.length);
    const finished = t.app.get<FinishedUploads>(FINISHED_UPLOADS);
    const lookup = await finished.find(id, owner.id);
    if (lookup.status !== 'ready') throw new Error(`expected ready, got ${lookup.status}`);
    expect(lookup.upload).toMatchObject({ size: source.length, declaredFilename: 'budget.xlsx' });
    expect(await sha256Of(lookup.upload.open())).toBe(sha256(source));

    await finished.remove(id);
    expect((await keys()).filter((key) => key.includes(id))).toEqual([]);
    expect(await t.em().count(Upload, { id })).toBe(0);
  });

  it('sweeps an expired unfinished upload from the bucket', async () => {
    const created = await tusRequest(
      t.url,
      'POST',
      '/uploads',
      { ...auth(), ...OCTETS, 'Upload-Length': '100' },
      Buffer.from('first bytes'),
    );
    expect(created.status).toBe(201);
    const id = String(created.headers.location).split('/').pop()!;
    expect((await keys()).some((key) => key.startsWith(`uploads/${id}`))).toBe(true);
    await t.em().nativeUpdate(Upload, { id }, { expiresAt: new Date(Date.now() - 1000) });
    const report = await t.app.get(UploadsService).sweep();
    expect(report).toEqual({ removed: 1, failed: 0 });
    expect((await keys()).filter((key) => key.startsWith(`uploads/${id}`))).toEqual([]);
    await expect(
      s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `uploads/${id}.info` })),
    ).rejects.toThrow();
  });
});
