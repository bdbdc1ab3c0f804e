import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Upload } from '../src/uploads/entities/upload.entity';
import { createDocument, documentsConfig, SAMPLE_PDF } from './factories/documents';
import { useGroupCast } from './factories/groups';
import type { TestUser } from './factories/users';
import { metadata, sha256, startInterruptedPatch, TUS, tusRequest } from './support/tus';

const OCTETS = { 'Content-Type': 'application/offset+octet-stream' };

/** A tus upload, interrupted and resumed over a weak connection, becomes a document version byte for byte. */
describe('uploads → documents (uploadId)', () => {
  const { t, cast } = useGroupCast(documentsConfig({ uploadSweepIntervalMinutes: 0 }));

  const auth = (user: TestUser): Record<string, string> => ({ ...TUS, ...user.auth });
  const filePath = (id: string): string => join(t.config.dataDir, 'uploads', id);

  /** Creates an upload of `source`, drops the connection halfway, resumes from the offset HEAD gives, completes. */
  async function resumedUpload(user: TestUser, source: Buffer, filename: string): Promise<string> {
    const created = await tusRequest(t.url, 'POST', '/uploads', {
      ...auth(user),
      'Upload-Length': String(source.length),
      'Upload-Metadata': metadata({ filename }),
    });
    expect(created.status).toBe(201);
    const id = String(created.headers.location).split('/').pop()!;
    const half = Math.floor(source.length / 2);
    const patch = startInterruptedPatch(
      t.url,
      `/uploads/${id}`,
      { ...auth(user), ...OCTETS, 'Upload-Offset': '0' },
      source.subarray(0, half),
      source.length,
    );
    for (let i = 0; i < 200 && !(existsSync(filePath(id)) && statSync(filePath(id)).size >= half); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    patch.drop();
    const head = await tusRequest(t.url, 'HEAD', `/uploads/${id}`, auth(user));
    expect(head.headers['upload-offset']).toBe(String(half));
    const rest = await tusRequest(
      t.url,
      'PATCH',
      `/uploads/${id}`,
      { ...auth(user), ...OCTETS, 'Upload-Offset': String(half) },
      source.subarray(half),
    );
    expect(rest.status).toBe(204);
    return id;
  }

  // A real PDF (so the sniffed type is application/pdf), made large enough to interrupt mid-way.
  const bigPdf = (): Buffer => Buffer.concat([SAMPLE_PDF, randomBytes(700_000)]);

  it('appends a version from a resumed upload whose sha256 and content match the source, and consumes it', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug);
    const source = bigPdf();
    const uploadId = await resumedUpload(cast.member, source, 'Feuille de route v2.pdf');

    const res = await t.http
      .post(`/documents/${doc.id}/versions`)
      .set(cast.member.auth)
      .send({ uploadId, note: 'Sent over a weak link' })
      .expect(201);
    expect(res.body.latestVersion).toMatchObject({
      number: 2,
      size: source.length,
      sha256: sha256(source),
      mimeType: 'application/pdf',
      filename: 'Feuille de route v2.pdf',
    });

    const content = await t.http
      .get(`/documents/${doc.id}/content`)
      .query({ version: 2 })
      .set(cast.member.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(sha256(content.body as Buffer)).toBe(sha256(source));
    expect(content.headers.etag).toBe(`"${sha256(source)}"`);

    // Consumed: the upload's row and bytes are gone, and it cannot be used twice.
    expect(await t.em().count(Upload, { id: uploadId })).toBe(0);
    expect(existsSync(filePath(uploadId))).toBe(false);
    await t.http.post(`/documents/${doc.id}/versions`).set(cast.member.auth).send({ uploadId }).expect(404);
  });

  it('creates a new document from a resumed upload', async () => {
    const source = bigPdf();
    const uploadId = await resumedUpload(cast.member, source, 'budget.pdf');
    const res = await t.http
      .post(`/working-groups/${cast.group.slug}/documents`)
      .set(cast.member.auth)
      .send({ title: 'Budget', kind: 'report', visibility: 'members', uploadId })
      .expect(201);
    expect(res.body.latestVersion).toMatchObject({ number: 1, size: source.length, sha256: sha256(source) });
  });

  it("answers 404 for another user's finished upload, and 409 for an unfinished one", async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug);
    const theirs = await resumedUpload(cast.observer, bigPdf(), 'theirs.pdf');
    const res = await t.http
      .post(`/documents/${doc.id}/versions`)
      .set(cast.member.auth)
      .send({ uploadId: theirs })
      .expect(404);
    expect(res.body.code).toBe('resource.not_found');
    expect(await t.em().count(Upload, { id: theirs })).toBe(1); // still the observer's, untouched

    const created = await tusRequest(t.url, 'POST', '/uploads', {
      ...auth(cast.member),
      'Upload-Length': '1000',
    });
    const unfinished = String(created.headers.location).split('/').pop()!;
    const early = await t.http
      .post(`/documents/${doc.id}/versions`)
      .set(cast.member.auth)
      .send({ uploadId: unfinished })
      .expect(409);
    expect(early.body).toMatchObject({
      code: 'document.upload_incomplete',
      params: { offset: 0, length: 1000 },
    });
  });
});
