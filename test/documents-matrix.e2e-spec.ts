import type { Test } from 'supertest';
import { DocumentUploads, GroupVisibility } from '../src/groups/groups.enums';
import { WorkingGroup } from '../src/groups/working-groups/entities/working-group.entity';
import { describeMatrix, MatrixCell, MatrixRow } from './factories/access-matrix';
import { createDocument, documentsConfig, SAMPLE_PDF } from './factories/documents';
import type { TestUser } from './factories/users';
import type { TestApp } from './support/test-app';

/**
 * Who may do what with documents, for every standing. A document the caller may not see is a 404 (its versions
 * and content too); one they may see but not change is a 403.
 */
let t: TestApp;

const members = { visibility: GroupVisibility.Members };
const all = (status: number) => ({
  anonymous: status,
  outsider: status,
  observer: status,
  member: status,
  otherAnchor: status,
  anchor: status,
  steward: status,
  admin: status,
});
/** Members-only content: active members (any role) and stewards see it; everyone else gets 404. */
const membersOnly = (status: number) => ({
  ...all(status),
  anonymous: 404,
  outsider: 404,
  otherAnchor: 404,
});

const documentBy =
  (who: (cell: MatrixCell) => { id: string } & Partial<TestUser>, visibility = 'public') =>
  async (cell: MatrixCell) => ({
    id: (await createDocument(t, who(cell) as TestUser, cell.group.slug, { visibility })).id,
  });
const byTarget = documentBy((cell) => cell.target);

const upload = (request: Test) =>
  request
    .field('title', 'Matrix')
    .field('kind', 'report')
    .field('visibility', 'public')
    .attach('file', SAMPLE_PDF, 'm.pdf');
const newVersion = (request: Test) => request.attach('file', SAMPLE_PDF, 'v.pdf');

const rows: MatrixRow[] = [
  { route: 'GET /working-groups/:slug/documents', expect: all(200) },
  {
    route: 'GET /working-groups/:slug/documents',
    group: members,
    note: 'members-only group',
    expect: membersOnly(200),
  },
  {
    route: 'POST /working-groups/:slug/documents',
    send: upload,
    expect: { ...all(403), anonymous: 401, member: 201, anchor: 201 },
  },
  {
    route: 'POST /working-groups/:slug/documents',
    note: 'documentUploads: anchors',
    params: async (cell) => {
      await t
        .em()
        .nativeUpdate(WorkingGroup, { id: cell.group.id }, { documentUploads: DocumentUploads.Anchors });
      return {};
    },
    send: upload,
    expect: { ...all(403), anonymous: 401, anchor: 201 },
  },
  {
    route: 'POST /working-groups/:slug/documents',
    group: members,
    note: 'members-only group',
    send: upload,
    expect: { ...all(403), anonymous: 401, outsider: 404, otherAnchor: 404, member: 201, anchor: 201 },
  },
  { route: 'GET /documents/:id', params: byTarget, expect: all(200) },
  {
    route: 'GET /documents/:id',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    expect: membersOnly(200),
  },
  {
    route: 'GET /documents/:id',
    group: members,
    note: 'public document of a members-only group',
    params: byTarget,
    expect: membersOnly(200),
  },
  {
    route: 'GET /documents/:id/versions',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    expect: membersOnly(200),
  },
  { route: 'GET /documents/:id/content', params: byTarget, expect: all(200) },
  {
    route: 'GET /documents/:id/content',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    expect: membersOnly(200),
  },
  {
    route: 'PATCH /documents/:id',
    note: "another member's document",
    params: byTarget,
    body: () => ({ title: 'Edited' }),
    expect: { ...all(403), anonymous: 401, anchor: 200 },
  },
  {
    route: 'PATCH /documents/:id',
    note: "the caller's own document (member)",
    params: documentBy((c) => c.people.member),
    body: () => ({ title: 'Edited' }),
    expect: { ...all(403), anonymous: 401, member: 200, anchor: 200 },
  },
  {
    route: 'PATCH /documents/:id',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    body: () => ({ title: 'Edited' }),
    expect: { ...all(403), anonymous: 401, outsider: 404, otherAnchor: 404, anchor: 200 },
  },
  {
    route: 'POST /documents/:id/versions',
    note: "another member's document",
    params: byTarget,
    send: newVersion,
    expect: { ...all(403), anonymous: 401, anchor: 201 },
  },
  {
    route: 'POST /documents/:id/versions',
    note: "the caller's own document (member)",
    params: documentBy((c) => c.people.member),
    send: newVersion,
    expect: { ...all(403), anonymous: 401, member: 201, anchor: 201 },
  },
  {
    route: 'POST /documents/:id/versions',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    send: newVersion,
    expect: { ...all(403), anonymous: 401, outsider: 404, otherAnchor: 404, anchor: 201 },
  },
  {
    route: 'DELETE /documents/:id',
    params: byTarget,
    expect: { ...all(403), anonymous: 401, anchor: 204 },
  },
  {
    route: 'DELETE /documents/:id',
    note: 'members-only document',
    params: documentBy((c) => c.target, 'members'),
    expect: { ...all(403), anonymous: 401, outsider: 404, otherAnchor: 404, anchor: 204 },
  },
];

describeMatrix(
  'Documents: authorization matrix',
  rows,
  (app) => {
    t = app;
  },
  documentsConfig(),
);
