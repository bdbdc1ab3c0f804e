import { request as httpRequest } from 'node:http';
import { auditCount } from './factories/audit';
import {
  blobCount,
  createDocument,
  documentRows,
  documentsConfig,
  eventually,
  PNG_1X1,
  postDocument,
  postVersion,
  SAMPLE_PDF,
} from './factories/documents';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { GroupRole, GroupVisibility } from '../src/groups/groups.enums';
import type { TestApp } from './support/test-app';

const MIB = 1024 * 1024;
const BOUNDARY = '----convene-test-boundary';

/** A hand-made multipart body (fields, then a file part), for what supertest cannot send. */
function multipart(
  parts: ({ field: string; value: string } | { file: string; filename: string; bytes: Buffer })[],
) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('field' in part) {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.file}"; filename="${part.filename}"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n',
        ),
        part.bytes,
        Buffer.from('\r\n'),
      );
    }
  }
  return { head: Buffer.concat(chunks), tail: Buffer.from(`--${BOUNDARY}--\r\n`) };
}

const FIELDS = [
  { field: 'title', value: 'Raw' },
  { field: 'kind', value: 'report' },
  { field: 'visibility', value: 'public' },
];

async function expectNothingKept(t: TestApp, before: { documents: number; versions: number }): Promise<void> {
  await eventually(async () => {
    const blobs = await blobCount(t);
    return blobs.temp === 0 && blobs.blobs === before.versions;
  });
  expect(await documentRows(t)).toEqual(before);
}

describe('Documents: bad input', () => {
  const { t, cast } = useGroupCast(documentsConfig({ maxUploadMb: 1 }));
  const slug = () => cast.group.slug;

  it('refuses a file over MAX_UPLOAD_MB with 413 while streaming, keeping no row and no blob', async () => {
    const before = await documentRows(t);
    const audits = await auditCount(t);
    const res = await postDocument(t, cast.member, slug(), {
      bytes: Buffer.alloc(MIB + 1, 7),
      filename: 'big.bin',
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('request.too_large');
    await expectNothingKept(t, before);
    expect(await auditCount(t)).toBe(audits);
    // Exactly the limit is allowed.
    await postDocument(t, cast.member, slug(), { bytes: Buffer.alloc(MIB, 7), filename: 'edge.bin' }).expect(
      201,
    );
  });

  it('refuses an empty file (422) and a body without a file', async () => {
    const before = await documentRows(t);
    const empty = await postDocument(t, cast.member, slug(), {
      bytes: Buffer.alloc(0),
      filename: 'e.pdf',
    }).expect(422);
    expect(empty.body.code).toBe('document.file_empty');
    const none = await postDocument(t, cast.member, slug(), null).expect(422);
    expect(none.body.code).toBe('document.file_required');
    await expectNothingKept(t, before);
  });

  it('validates the fields like any body: 422 with field paths, before storing a byte', async () => {
    const before = await documentRows(t);
    const res = await postDocument(t, cast.member, slug(), undefined, { kind: 'poem', title: '' }).expect(
      422,
    );
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'title']);
    const unknown = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .field('title', 'x')
      .field('kind', 'report')
      .field('visibility', 'public')
      .field('owner', 'me')
      .attach('file', SAMPLE_PDF, 'a.pdf')
      .expect(422);
    expect(unknown.body.errors).toEqual([{ path: 'owner', message: 'owner is not an allowed field' }]);
    const nul = await postDocument(t, cast.member, slug(), undefined, { title: 'a\u0000b' }).expect(422);
    expect(nul.body.errors[0].path).toBe('title');
    await expectNothingKept(t, before);
  });

  it('refuses a field after the file part, and a file part with another name (422, nothing kept)', async () => {
    const before = await documentRows(t);
    const late = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .field('title', 'x')
      .field('kind', 'report')
      .attach('file', SAMPLE_PDF, 'a.pdf')
      .field('visibility', 'public')
      .expect(422);
    expect(late.body.errors).toEqual([
      { path: 'visibility', message: 'visibility is required (send every field before the file part)' },
    ]);
    // All required fields first, an optional one after the file: refused once it arrives, the blob dropped.
    const optional = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .field('title', 'x')
      .field('kind', 'report')
      .field('visibility', 'public')
      .attach('file', SAMPLE_PDF, 'a.pdf')
      .field('description', 'late')
      .expect(422);
    expect(optional.body.errors).toEqual([
      {
        path: 'description',
        message: 'description must come before the file part (send every field first, the file last)',
      },
    ]);
    await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .field('title', 'x')
      .field('kind', 'report')
      .field('visibility', 'public')
      .attach('upload', SAMPLE_PDF, 'a.pdf')
      .expect(422);
    await expectNothingKept(t, before);
  });

  it('rebuilds hostile filenames: no path, no control or bidi characters, the sniffed extension', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['../../etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), 'passwd.txt', 'text/plain'],
      ['..\\..\\windows\\win.ini', Buffer.from('[fonts]\n'), 'win.txt', 'text/plain'],
      ['invoice\u202Efdp.exe', SAMPLE_PDF, 'invoicefdp.pdf', 'application/pdf'],
      ['chart.pdf', PNG_1X1, 'chart.png', 'image/png'],
      ['Résumé 2027 – 東京.pdf', SAMPLE_PDF, 'Résumé 2027 – 東京.pdf', 'application/pdf'],
      ['data.csv', Buffer.from('a,b\n1,2\n'), 'data.csv', 'text/csv'],
      [`${'x'.repeat(300)}.pdf`, SAMPLE_PDF, `${'x'.repeat(196)}.pdf`, 'application/pdf'],
      ['....', SAMPLE_PDF, 'document.pdf', 'application/pdf'],
    ];
    // Control characters cannot travel raw in a part header; RFC 2231 `filename*` carries them.
    const { head, tail } = multipart([...FIELDS]);
    const encoded = Buffer.concat([
      head,
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename*=utf-8''a%07b%1B%5B31mc%0D%0A.pdf\r\n\r\n`,
      ),
      SAMPLE_PDF,
      Buffer.from('\r\n'),
      tail,
    ]);
    const controls = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(encoded)
      .expect(201);
    expect(controls.body.latestVersion.filename).toBe('ab[31mc.pdf');
    for (const [declared, bytes, filename, mimeType] of cases) {
      const res = await postDocument(t, cast.member, slug(), { bytes, filename: declared }).expect(201);
      expect([declared, res.body.latestVersion.filename, res.body.latestVersion.mimeType]).toEqual([
        declared,
        filename,
        mimeType,
      ]);
    }
  });

  it('keeps non-ASCII names in Content-Disposition (RFC 5987) with an ASCII fallback', async () => {
    const doc = await createDocument(
      t,
      cast.member,
      slug(),
      {},
      { bytes: SAMPLE_PDF, filename: 'Résumé final (v2).pdf' },
    );
    const res = await t.http.get(`/documents/${doc.id}/content`).expect(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Resume final (v2).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20final%20%28v2%29.pdf`,
    );
  });

  it('stores evil.html and an SVG with a script, and never serves them inline', async () => {
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const xmlSvg = Buffer.from(`<?xml version="1.0"?>\n${svg.toString()}`);
    for (const [name, bytes, mimeType, filename] of [
      ['evil.html', html, 'text/plain', 'evil.txt'],
      ['evil.svg', svg, 'text/plain', 'evil.txt'],
      ['evil2.svg', xmlSvg, 'application/xml', 'evil2.xml'],
    ] as const) {
      const doc = await createDocument(t, cast.member, slug(), {}, { bytes, filename: name });
      const res = await t.http.get(`/documents/${doc.id}/content`).expect(200);
      expect(res.headers['content-type']).toMatch(new RegExp(`^${mimeType}`));
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${filename}"`));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('refuses a truncated multipart body (400) and keeps nothing', async () => {
    const before = await documentRows(t);
    const { head } = multipart([...FIELDS, { file: 'file', filename: 'cut.pdf', bytes: SAMPLE_PDF }]);
    const res = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(head.subarray(0, head.length - 40))
      .expect(400);
    expect(res.body.code).toBe('request.malformed');
    await expectNothingKept(t, before);
  });

  it('keeps no row and no blob when the client disconnects mid-upload', async () => {
    const before = await documentRows(t);
    const { head } = multipart([
      ...FIELDS,
      { file: 'file', filename: 'gone.bin', bytes: Buffer.alloc(256 * 1024, 1) },
    ]);
    const url = new URL(`/working-groups/${slug()}/documents`, t.url);
    await new Promise<void>((resolve) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: {
          ...cast.member.auth,
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          'Content-Length': String(head.length + 1024 * 1024),
        },
      });
      req.on('error', () => resolve());
      req.write(head, () => setTimeout(() => req.destroy(), 200));
      req.on('close', () => resolve());
    });
    await expectNothingKept(t, before);
  });

  it('numbers two concurrent versions 2 and 3, with no gap and no duplicate', async () => {
    const doc = await createDocument(t, cast.member, slug());
    const [a, b] = await Promise.all([
      postVersion(t, cast.member, doc.id, { bytes: Buffer.alloc(200 * 1024, 1), filename: 'a.bin' }),
      postVersion(t, cast.governmentAnchor, doc.id, {
        bytes: Buffer.alloc(200 * 1024, 2),
        filename: 'b.bin',
      }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.latestVersion.number, b.body.latestVersion.number].sort()).toEqual([2, 3]);
    const list = await t.http.get(`/documents/${doc.id}/versions`).expect(200);
    expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
  });

  it('answers 404 for a version of another group’s (hidden) document', async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await addMember(t, hidden, cast.otherAnchor, GroupRole.Anchor);
    const doc = await createDocument(t, cast.otherAnchor, hidden.slug, { visibility: 'members' });
    const before = await documentRows(t);
    const res = await postVersion(t, cast.governmentAnchor, doc.id, {
      bytes: SAMPLE_PDF,
      filename: 'x.pdf',
    }).expect(404);
    expect(res.body.detail).toBe('Document was not found.');
    await expectNothingKept(t, before);
  });

  it('answers 404 for an uploadId when no finished upload exists, 415 for a body of another type', async () => {
    const res = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .send({ title: 'From tus', kind: 'report', visibility: 'public', uploadId: 'abc123' })
      .expect(404);
    expect(res.body.detail).toBe('Upload was not found.');
    const missing = await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .send({ title: 'x', kind: 'report', visibility: 'public' })
      .expect(422);
    expect(missing.body.code).toBe('document.file_required');
    await t.http
      .post(`/working-groups/${slug()}/documents`)
      .set(cast.member.auth)
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    await t.http
      .post('/auth/login')
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(multipart(FIELDS).head)
      .expect(415);
  });
});
