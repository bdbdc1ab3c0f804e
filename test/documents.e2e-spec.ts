import { createHash } from 'node:crypto';
import { GroupRole, GroupVisibility } from '../src/groups/groups.enums';
import { auditCount } from './factories/audit';
import {
  blobCount,
  createDocument,
  documentsConfig,
  PNG_1X1,
  postDocument,
  postVersion,
  SAMPLE_PDF,
} from './factories/documents';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';
import { MeetingStatus } from '../src/meetings/meetings.enums';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('Documents', () => {
  const { t, cast } = useGroupCast(documentsConfig());

  it('uploads a document with its first version, hashed, sized and sniffed while streaming', async () => {
    const before = await auditCount(t);
    const res = await postDocument(t, cast.member, cast.group.slug, undefined, {
      title: '  Budget 2027 ',
      description: 'Draft figures',
      kind: 'policy_brief',
      visibility: 'members',
      tags: ['Budget', 'fiscal', 'budget'],
    }).expect(201);
    expect(res.body).toMatchObject({
      groupId: cast.group.id,
      groupSlug: cast.group.slug,
      title: 'Budget 2027',
      description: 'Draft figures',
      kind: 'policy_brief',
      visibility: 'members',
      tags: ['budget', 'fiscal'],
      meetingId: null,
      createdBy: { id: cast.member.id, displayName: cast.member.displayName },
      latestVersion: {
        number: 1,
        filename: 'roadmap.pdf',
        mimeType: 'application/pdf',
        size: SAMPLE_PDF.length,
        sha256: sha(SAMPLE_PDF),
        uploadedBy: { id: cast.member.id, displayName: cast.member.displayName },
        note: null,
      },
    });
    expect(await auditCount(t)).toBe(before + 1);
    const got = await t.http.get(`/documents/${res.body.id}`).set(cast.observer.auth).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('serves the bytes back as an attachment with ETag, nosniff and ranges', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug);
    const res = await t.http
      .get(`/documents/${doc.id}/content`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, SAMPLE_PDF)).toBe(0);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      etag: `"${sha(SAMPLE_PDF)}"`,
      'x-content-type-options': 'nosniff',
      'accept-ranges': 'bytes',
      'cache-control': 'public, no-cache',
      'content-length': String(SAMPLE_PDF.length),
    });
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="roadmap.pdf"; filename*=UTF-8''roadmap.pdf`,
    );
    await t.http
      .get(`/documents/${doc.id}/content`)
      .set('If-None-Match', `"${sha(SAMPLE_PDF)}"`)
      .expect(304);
    const part = await t.http.get(`/documents/${doc.id}/content`).set('Range', 'bytes=0-7').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 0-7/${SAMPLE_PDF.length}`);
    expect(part.text ?? String(part.body)).toContain('%PDF-1.4');
    const beyond = await t.http
      .get(`/documents/${doc.id}/content`)
      .set('Range', `bytes=${SAMPLE_PDF.length}-`)
      .expect(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${SAMPLE_PDF.length}`);
    expect(beyond.body.code).toBe('document.range_not_satisfiable');
  });

  it('appends versions 2 and 3; older versions stay downloadable', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug);
    const v2 = await postVersion(
      t,
      cast.member,
      doc.id,
      { bytes: PNG_1X1, filename: 'chart.png' },
      'a chart',
    ).expect(201);
    expect(v2.body.latestVersion).toMatchObject({ number: 2, mimeType: 'image/png', note: 'a chart' });
    const v3 = await postVersion(t, cast.governmentAnchor, doc.id, {
      bytes: SAMPLE_PDF,
      filename: 'x.pdf',
    }).expect(201);
    expect(v3.body.latestVersion.number).toBe(3);
    const list = await t.http.get(`/documents/${doc.id}/versions`).expect(200);
    expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    const first = await t.http.get(`/documents/${doc.id}/content?version=2`).expect(200);
    expect(first.headers['content-type']).toBe('image/png');
    await t.http.get(`/documents/${doc.id}/content?version=9`).expect(404);
  });

  it('lists with filters, text search ignoring case and accents, sorting and cursors', async () => {
    const group = cast.otherGroup;
    const anchor = cast.otherAnchor;
    await createDocument(t, anchor, group.slug, {
      title: 'Résumé of the Café meeting',
      kind: 'minutes',
      tags: ['x'],
    });
    await createDocument(t, anchor, group.slug, {
      title: 'Annual report',
      kind: 'report',
      description: 'Über alles',
    });
    await createDocument(t, anchor, group.slug, {
      title: 'Brief',
      kind: 'policy_brief',
      visibility: 'members',
    });
    const list = (q: string) => t.http.get(`/working-groups/${group.slug}/documents?${q}`);
    const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((d) => d.title);
    expect(titles(await list('').expect(200))).toEqual(['Annual report', 'Résumé of the Café meeting']);
    expect(titles(await list('').set(anchor.auth).expect(200))).toEqual([
      'Brief',
      'Annual report',
      'Résumé of the Café meeting',
    ]);
    expect(titles(await list('q=RESUME').expect(200))).toEqual(['Résumé of the Café meeting']);
    expect(titles(await list('q=cafe').expect(200))).toEqual(['Résumé of the Café meeting']);
    expect(titles(await list('q=uber').expect(200))).toEqual(['Annual report']);
    expect(titles(await list('q=%25').expect(200))).toEqual([]);
    expect(titles(await list('kind=report').expect(200))).toEqual(['Annual report']);
    expect(titles(await list('tag=X').expect(200))).toEqual(['Résumé of the Café meeting']);
    const first = await list('sort=title&limit=2').set(anchor.auth).expect(200);
    expect(titles(first)).toEqual(['Annual report', 'Brief']);
    const second = await list(`sort=title&limit=2&cursor=${first.body.nextCursor}`)
      .set(anchor.auth)
      .expect(200);
    expect(titles(second)).toEqual(['Résumé of the Café meeting']);
    expect(second.body.nextCursor).toBeNull();
    await list('kind=nope').expect(422);
  });

  it('edits metadata (uploader, anchors), refuses other members, soft-deletes (anchors)', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug, { title: 'Mine' });
    await t.http
      .patch(`/documents/${doc.id}`)
      .set(cast.member.auth)
      .send({ title: 'Renamed', tags: ['A'] })
      .expect(200);
    const other = await t.http
      .patch(`/documents/${doc.id}`)
      .set(cast.observer.auth)
      .send({ title: 'x' })
      .expect(403);
    expect(other.body.code).toBe('document.edit_forbidden');
    await t.http
      .patch(`/documents/${doc.id}`)
      .set(cast.civilSocietyAnchor.auth)
      .send({ description: null })
      .expect(200);
    await t.http.delete(`/documents/${doc.id}`).set(cast.member.auth).expect(403);
    await t.http.delete(`/documents/${doc.id}`).set(cast.governmentAnchor.auth).expect(204);
    await t.http.get(`/documents/${doc.id}`).set(cast.governmentAnchor.auth).expect(404);
    await t.http.get(`/documents/${doc.id}/content`).set(cast.governmentAnchor.auth).expect(404);
    await t.http.get(`/documents/${doc.id}/versions`).set(cast.governmentAnchor.auth).expect(404);
    const list = await t.http.get(`/working-groups/${cast.group.slug}/documents`).set(cast.member.auth);
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
  });

  it('links a meeting of the group; agenda items link only the group’s documents; the meeting lists them', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
      status: MeetingStatus.Scheduled,
    });
    const other = await insertMeeting(t, cast.otherGroup, cast.otherAnchor);
    const bad = await postDocument(t, cast.member, cast.group.slug, undefined, {
      meetingId: other.id,
    }).expect(422);
    expect(bad.body.code).toBe('document.meeting_not_in_group');
    const pub = await createDocument(t, cast.member, cast.group.slug, {
      title: 'Agenda paper',
      meetingId: meeting.id,
    });
    await createDocument(t, cast.member, cast.group.slug, {
      title: 'Members paper',
      meetingId: meeting.id,
      visibility: 'members',
    });
    const foreign = await createDocument(t, cast.otherAnchor, cast.otherGroup.slug);
    const anonymous = await t.http.get(`/meetings/${meeting.id}`).expect(200);
    expect(anonymous.body.documents.map((d: { title: string }) => d.title)).toEqual(['Agenda paper']);
    const member = await t.http.get(`/meetings/${meeting.id}`).set(cast.observer.auth).expect(200);
    expect(member.body.documents.map((d: { title: string }) => d.title)).toEqual([
      'Agenda paper',
      'Members paper',
    ]);
    const item = { title: 'Item', durationMinutes: 10 };
    await t.http
      .post(`/meetings/${meeting.id}/agenda-items`)
      .set(cast.governmentAnchor.auth)
      .send({ ...item, documentIds: [pub.id] })
      .expect(201);
    const refused = await t.http
      .post(`/meetings/${meeting.id}/agenda-items`)
      .set(cast.governmentAnchor.auth)
      .send({ ...item, documentIds: [pub.id, foreign.id] })
      .expect(422);
    expect(refused.body.errors).toEqual([
      { path: 'documentIds[1]', message: 'documentIds[1] is not a document of this group' },
    ]);
    const filtered = await t.http.get(`/working-groups/${cast.group.slug}/documents?meetingId=${meeting.id}`);
    expect(filtered.body.items.map((d: { title: string }) => d.title)).toEqual(['Agenda paper']);
  });

  it('keeps uploads to anchors where the group says so (documentUploads)', async () => {
    await t.http
      .patch(`/working-groups/${cast.group.slug}`)
      .set(cast.governmentAnchor.auth)
      .send({ documentUploads: 'anchors' })
      .expect(200);
    try {
      const refused = await postDocument(t, cast.member, cast.group.slug).expect(403);
      expect(refused.body.code).toBe('group.role_required');
      await postDocument(t, cast.governmentAnchor, cast.group.slug).expect(201);
    } finally {
      await t.http
        .patch(`/working-groups/${cast.group.slug}`)
        .set(cast.governmentAnchor.auth)
        .send({ documentUploads: 'members' })
        .expect(200);
    }
  });

  it('shows document events in the activity feed, and hides a deleted document’s from members', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug, { title: 'Feed doc' });
    const feed = async (who: typeof cast.member) =>
      (
        await t.http.get(`/working-groups/${cast.group.slug}/activity`).set(who.auth).expect(200)
      ).body.items.filter((e: { entityId: string }) => e.entityId === doc.id);
    expect((await feed(cast.observer)).map((e: { action: string }) => e.action)).toEqual([
      'document.created',
    ]);
    await t.http.delete(`/documents/${doc.id}`).set(cast.governmentAnchor.auth).expect(204);
    expect(await feed(cast.observer)).toEqual([]);
    expect((await feed(cast.governmentAnchor)).map((e: { action: string }) => e.action)).toEqual([
      'document.deleted',
      'document.created',
    ]);
  });

  it('hides members-only documents and whole libraries of members-only groups', async () => {
    const doc = await createDocument(t, cast.member, cast.group.slug, { visibility: 'members' });
    for (const path of [
      `/documents/${doc.id}`,
      `/documents/${doc.id}/versions`,
      `/documents/${doc.id}/content`,
    ]) {
      await t.http.get(path).expect(404);
      await t.http.get(path).set(cast.outsider.auth).expect(404);
      await t.http.get(path).set(cast.steward.auth).expect(200);
    }
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    await addMember(t, hidden, cast.member, GroupRole.Member);
    const pub = await createDocument(t, cast.member, hidden.slug, { visibility: 'public' });
    for (const path of [
      `/working-groups/${hidden.slug}/documents`,
      `/documents/${pub.id}`,
      `/documents/${pub.id}/content`,
    ]) {
      await t.http.get(path).expect(404);
      await t.http.get(path).set(cast.outsider.auth).expect(404);
      await t.http.get(path).set(cast.member.auth).expect(200);
    }
    expect(await blobCount(t)).toMatchObject({ temp: 0 });
  });
});
