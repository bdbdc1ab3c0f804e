import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Upload } from '../src/uploads/entities/upload.entity';
import { FINISHED_UPLOADS, FinishedUploads } from '../src/uploads/finished-uploads';
import { UploadsService } from '../src/uploads/uploads.service';
import { createUser, TestUser } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { metadata, sha256, sha256Of, startInterruptedPatch, TUS, tusRequest } from './support/tus';

const OCTETS = { 'Content-Type': 'application/offset+octet-stream' };
const MAX_OPEN = 3;
const CREATE_LIMIT = 8;

/** Resumable uploads (tus 1.0) under /uploads, on the disk store, through real HTTP. */
describe('uploads (tus, disk store)', () => {
  let t: TestApp;
  let dataDir: string;
  let finished: FinishedUploads;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'convene-uploads-'));
    t = await createTestApp({
      dataDir,
      maxUploadMb: 1,
      uploadSweepIntervalMinutes: 0,
      uploadMaxOpenPerUser: MAX_OPEN,
      uploadCreateLimitPerUser: CREATE_LIMIT,
    });
    finished = t.app.get<FinishedUploads>(FINISHED_UPLOADS);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = (user: TestUser): Record<string, string> => ({ ...TUS, ...user.auth });
  const send = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): ReturnType<typeof tusRequest> => tusRequest(t.url, method, path, headers, body);
  const filePath = (id: string): string => join(dataDir, 'uploads', id);

  async function create(user: TestUser, length: number, extra: Record<string, string> = {}): Promise<string> {
    const res = await send('POST', '/uploads', { ...auth(user), 'Upload-Length': String(length), ...extra });
    expect(res.status).toBe(201);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/uploads\/[0-9a-f-]{36}$/);
    return location.slice('/uploads/'.length);
  }

  async function waitForBytes(id: string, bytes: number): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      if (existsSync(filePath(id)) && statSync(filePath(id)).size >= bytes) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the server never held ${bytes} bytes of ${id}`);
  }

  it('resumes an interrupted upload from its offset to completion, and hands the bytes over intact', async () => {
    const owner = await createUser(t);
    const source = randomBytes(600_000);
    const half = source.subarray(0, 300_000);
    const id = await create(owner, source.length, {
      'Upload-Metadata': metadata({ filename: 'Compte rendu été.pdf', filetype: 'application/pdf' }),
    });

    // A weak connection: the PATCH announces every byte, sends half and the socket dies.
    const patch = startInterruptedPatch(
      t.url,
      `/uploads/${id}`,
      { ...auth(owner), ...OCTETS, 'Upload-Offset': '0' },
      half,
      source.length,
    );
    await waitForBytes(id, half.length);
    patch.drop();

    // HEAD (it waits for the dropped PATCH to release the upload) says where to resume.
    const head = await send('HEAD', `/uploads/${id}`, auth(owner));
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(half.length));
    expect(head.headers['upload-length']).toBe(String(source.length));
    expect(head.headers['cache-control']).toBe('no-store');
    await expect(finished.find(id, owner.id)).resolves.toEqual({
      status: 'incomplete',
      offset: half.length,
      length: source.length,
    });

    // Resuming from any other offset is a tus conflict; from the offset, it completes.
    const wrong = await send(
      'PATCH',
      `/uploads/${id}`,
      { ...auth(owner), ...OCTETS, 'Upload-Offset': '0' },
      half,
    );
    expect(wrong.status).toBe(409);
    const rest = source.subarray(half.length);
    const resumed = await send(
      'PATCH',
      `/uploads/${id}`,
      { ...auth(owner), ...OCTETS, 'Upload-Offset': String(half.length) },
      rest,
    );
    expect(resumed.status).toBe(204);
    expect(resumed.headers['upload-offset']).toBe(String(source.length));
    expect(resumed.headers['upload-expires']).toBeUndefined(); // finished uploads no longer announce an expiry

    const row = await t.em().findOneOrFail(Upload, { id });
    expect(row.completedAt).toBeInstanceOf(Date);
    const lookup = await finished.find(id, owner.id);
    if (lookup.status !== 'ready') throw new Error(`expected ready, got ${lookup.status}`);
    expect(lookup.upload).toMatchObject({
      id,
      size: source.length,
      declaredFilename: 'Compte rendu été.pdf',
    });
    expect(await sha256Of(lookup.upload.open())).toBe(sha256(source));
    expect(await sha256Of(lookup.upload.open())).toBe(sha256(source)); // each open() starts at byte 0

    // Someone else's finished upload does not exist for them; remove() leaves nothing behind.
    const other = await createUser(t);
    await expect(finished.find(id, other.id)).resolves.toEqual({ status: 'missing' });
    await finished.remove(id);
    await finished.remove(id); // removing an absent upload is not an error
    expect(await t.em().count(Upload, { id })).toBe(0);
    expect(existsSync(filePath(id))).toBe(false);
    await expect(finished.find(id, owner.id)).resolves.toEqual({ status: 'missing' });
    await expect(finished.find('not-a-uuid', owner.id)).resolves.toEqual({ status: 'missing' });
  });

  it('creates with the first bytes (creation-with-upload), announces its expiry and finishes in one request', async () => {
    const owner = await createUser(t);
    const partial = await send(
      'POST',
      '/uploads',
      { ...auth(owner), ...OCTETS, 'Upload-Length': '10' },
      Buffer.from('hello'),
    );
    expect(partial.status).toBe(201);
    expect(partial.headers['upload-offset']).toBe('5');
    const expires = Date.parse(String(partial.headers['upload-expires']));
    expect(Math.abs(expires - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);

    const whole = await send(
      'POST',
      '/uploads',
      { ...auth(owner), ...OCTETS, 'Upload-Length': '5' },
      Buffer.from('hello'),
    );
    expect(whole.status).toBe(201);
    const id = String(whole.headers.location).split('/').pop()!;
    const lookup = await finished.find(id, owner.id);
    expect(lookup.status).toBe('ready');
  });

  it('refuses an anonymous or forged caller with a 401 problem, before anything is stored', async () => {
    const rows = await t.em().count(Upload, {});
    const anonymous = await send('POST', '/uploads', { ...TUS, 'Upload-Length': '10' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, code: 'auth.unauthorized' });
    const forged = await send('POST', '/uploads', {
      ...TUS,
      'Upload-Length': '10',
      Authorization: 'Bearer nope',
    });
    expect(forged.status).toBe(401);
    const owner = await createUser(t);
    const id = await create(owner, 10);
    expect((await send('HEAD', `/uploads/${id}`, TUS)).status).toBe(401);
    expect(
      (await send('PATCH', `/uploads/${id}`, { ...TUS, ...OCTETS, 'Upload-Offset': '0' }, Buffer.from('x')))
        .status,
    ).toBe(401);
    expect(await t.em().count(Upload, {})).toBe(rows + 1);
    expect(anonymous.headers['x-request-id']).toBeDefined();
  });

  it("answers 404 to another user's HEAD, PATCH and DELETE, and to unknown or malformed ids", async () => {
    const owner = await createUser(t);
    const other = await createUser(t);
    const id = await create(owner, 10);
    for (const [method, headers, body] of [
      ['HEAD', {}, undefined],
      ['PATCH', { ...OCTETS, 'Upload-Offset': '0' }, Buffer.from('stolen')],
      ['DELETE', {}, undefined],
    ] as const) {
      const res = await send(method, `/uploads/${id}`, { ...auth(other), ...headers }, body);
      expect(res.status).toBe(404);
      if (method !== 'HEAD') expect(JSON.parse(res.body)).toMatchObject({ code: 'resource.not_found' });
    }
    expect(statSync(filePath(id)).size).toBe(0); // the other user's bytes never reached the file
    expect((await send('HEAD', `/uploads/${randomUUID()}`, auth(owner))).status).toBe(404);
    const traversal = await send(
      'PATCH',
      '/uploads/..%2F..%2Fjwt-secret',
      { ...auth(owner), ...OCTETS, 'Upload-Offset': '0' },
      Buffer.from('x'),
    );
    expect(traversal.status).toBe(404);
    expect((await send('HEAD', `/uploads/${id}`, auth(owner))).headers['upload-offset']).toBe('0');
  });

  it('refuses an Upload-Length over MAX_UPLOAD_MB with 413, a missing one with 400, leaving no row', async () => {
    const owner = await createUser(t);
    const over = await send('POST', '/uploads', { ...auth(owner), 'Upload-Length': String(1024 * 1024 + 1) });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'request.too_large' });
    const deferred = await send('POST', '/uploads', { ...auth(owner), 'Upload-Defer-Length': '1' });
    expect(deferred.status).toBe(400);
    expect(JSON.parse(deferred.body)).toMatchObject({ code: 'upload.length_required' });
    const zero = await send('POST', '/uploads', { ...auth(owner), 'Upload-Length': '0' });
    expect(zero.status).toBe(422);
    const nul = await send('POST', '/uploads', {
      ...auth(owner),
      'Upload-Length': '3',
      'Upload-Metadata': metadata({ filename: 'a\u0000b' }),
    });
    expect(nul.status).toBe(422);
    expect(JSON.parse(nul.body).errors).toEqual([
      { path: 'Upload-Metadata', message: 'filename must not contain a NUL character' },
    ]);
    // A tus protocol error after our checks leaves no row either.
    const noTus = await send('POST', '/uploads', { ...owner.auth, 'Upload-Length': '3' });
    expect(noTus.status).toBe(412);
    expect(await t.em().count(Upload, { owner: owner.id })).toBe(0);
  });

  it('bounds the uploads a user holds (409) and how fast they create them (429)', async () => {
    const owner = await createUser(t);
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN; i += 1) ids.push(await create(owner, 10));
    const full = await send('POST', '/uploads', { ...auth(owner), 'Upload-Length': '10' });
    expect(full.status).toBe(409);
    expect(JSON.parse(full.body)).toMatchObject({ code: 'upload.limit_reached', params: { max: MAX_OPEN } });
    expect(await t.em().count(Upload, { owner: owner.id })).toBe(MAX_OPEN);
    // Another user is not affected; terminating one frees a slot (and removes its file).
    await create(await createUser(t), 10);
    const gone = await send('DELETE', `/uploads/${ids[0]}`, auth(owner));
    expect(gone.status).toBe(204);
    expect(existsSync(filePath(ids[0]))).toBe(false);
    expect((await send('HEAD', `/uploads/${ids[0]}`, auth(owner))).status).toBe(404);
    ids[0] = await create(owner, 10);
    // CREATE_LIMIT creations per window, refused ones included: the next is 429 with Retry-After.
    for (const id of ids) expect((await send('DELETE', `/uploads/${id}`, auth(owner))).status).toBe(204);
    let last = 0;
    for (let i = 0; i < CREATE_LIMIT; i += 1) {
      const res = await send('POST', '/uploads', { ...auth(owner), 'Upload-Length': '10' });
      last = res.status;
      if (res.status === 429) {
        expect(res.headers['retry-after']).toBeDefined();
        break;
      }
      if (res.status === 201) await send('DELETE', String(res.headers.location), auth(owner));
    }
    expect(last).toBe(429);
  });

  it('sweeps expired uploads (files and rows) and keeps live and finished ones; an expired upload is 410', async () => {
    const owner = await createUser(t);
    const expired = await create(owner, 10);
    const live = await create(owner, 10);
    const done = await send(
      'POST',
      '/uploads',
      { ...auth(owner), ...OCTETS, 'Upload-Length': '3' },
      Buffer.from('abc'),
    );
    const doneId = String(done.headers.location).split('/').pop()!;
    await t.em().nativeUpdate(Upload, { id: expired }, { expiresAt: new Date(Date.now() - 1000) });

    const head = await send('HEAD', `/uploads/${expired}`, auth(owner));
    expect(head.status).toBe(410);
    await expect(finished.find(expired, owner.id)).resolves.toEqual({ status: 'missing' });

    const report = await t.app.get(UploadsService).sweep();
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(report.failed).toBe(0);
    expect(await t.em().count(Upload, { id: expired })).toBe(0);
    expect(existsSync(filePath(expired))).toBe(false);
    expect(existsSync(`${filePath(expired)}.json`)).toBe(false);
    expect((await send('HEAD', `/uploads/${expired}`, auth(owner))).status).toBe(404);
    expect((await send('HEAD', `/uploads/${live}`, auth(owner))).status).toBe(200);
    expect((await finished.find(doneId, owner.id)).status).toBe('ready');

    // A finished upload nobody consumed expires one period after completion, and is swept too.
    await t.em().nativeUpdate(Upload, { id: doneId }, { expiresAt: new Date(Date.now() - 1000) });
    await t.app.get(UploadsService).sweep();
    expect(existsSync(filePath(doneId))).toBe(false);
    expect(await t.em().count(Upload, { id: doneId })).toBe(0);
  });

  it("keeps the app's CORS policy instead of tus's wildcard", async () => {
    const owner = await createUser(t);
    const res = await send('POST', '/uploads', {
      ...auth(owner),
      'Upload-Length': '10',
      Origin: 'https://evil.example',
    });
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
