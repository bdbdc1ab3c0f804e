/**
 * Demo documents: for every active demo group, a generated PDF (terms of reference, with a second version) and a
 * CSV (a commitments tracker), uploaded by one of the group's anchors through the documents services, so the
 * bytes take the upload pipeline (sniffed, hashed, stored) and every change is audited like an API call.
 * Idempotent: a document by (group, title); its second version only if it has one version.
 */
import { Readable } from 'node:stream';
import { DocumentVersionsService } from '../../src/documents/document-versions.service';
import { DocumentsService } from '../../src/documents/documents.service';
import { DocumentKind, DocumentVisibility } from '../../src/documents/documents.enums';
import { Document } from '../../src/documents/entities/document.entity';
import { GroupRole, MembershipStatus } from '../../src/groups/groups.enums';
import { Membership } from '../../src/groups/membership/entities/membership.entity';
import { WorkingGroup } from '../../src/groups/working-groups/entities/working-group.entity';
import { metaFor, SeedContext } from './context';
import { tinyPdf } from './tiny-pdf';

const source = (bytes: Buffer, declaredName: string) => ({ stream: Readable.from([bytes]), declaredName });

function termsOfReference(group: WorkingGroup, revision: number): Buffer {
  return tinyPdf([
    `${group.name}: terms of reference`,
    revision === 1 ? 'Draft for discussion by the anchors.' : 'Revision 2: adopted at the first session.',
    'Purpose: peer exchange between government and civil society reformers.',
    'Membership: open to government and civil-society organisations active on the theme.',
    'Ways of working: quarterly sessions, shared documents, consensus on priority areas.',
  ]);
}

function commitmentsCsv(group: WorkingGroup): Buffer {
  return Buffer.from(
    [
      'country,cycle,reference,title,status',
      `BR,2023-2027,BR0123,"${group.name}: open register",substantial`,
      `KE,2023-2027,KE0045,"${group.name}: public consultation",limited`,
      `PH,2022-2026,PH0078,"${group.name}: data portal",completed`,
      '',
    ].join('\n'),
    'utf8',
  );
}

export async function seedDocuments(ctx: SeedContext): Promise<void> {
  const documents = ctx.app.get(DocumentsService, { strict: false });
  const versions = ctx.app.get(DocumentVersionsService, { strict: false });
  for (const group of ctx.activeGroups) {
    const em = ctx.em.fork();
    const anchor = await em.findOne(
      Membership,
      { group: group.id, role: GroupRole.Anchor, status: MembershipStatus.Active },
      { populate: ['user'], orderBy: { createdAt: 'asc' } },
    );
    if (!anchor) continue;
    const meta = metaFor(anchor.user.getEntity(), ctx.requestId);
    const title = `${group.name}: terms of reference`;
    let terms = await em.findOne(Document, { group: group.id, title, deletedAt: null });
    if (!terms) {
      const created = await documents.createFromStream(
        group.slug,
        { title, kind: DocumentKind.Guidance, visibility: DocumentVisibility.Public, tags: ['governance'] },
        source(termsOfReference(group, 1), 'terms-of-reference.pdf'),
        meta,
      );
      ctx.tally.documents++;
      terms = await ctx.em.fork().findOneOrFail(Document, { id: created.id });
    }
    if (terms.latestVersionNumber === 1) {
      await versions.addFromStream(
        terms.id,
        'Adopted at the first session',
        source(termsOfReference(group, 2), 'terms-of-reference-v2.pdf'),
        meta,
      );
      ctx.tally.versions++;
    }
    const csvTitle = `${group.name}: commitments tracker`;
    if (!(await em.findOne(Document, { group: group.id, title: csvTitle, deletedAt: null }))) {
      await documents.createFromStream(
        group.slug,
        {
          title: csvTitle,
          description: 'Commitments of national action plans related to the theme, with their status.',
          kind: DocumentKind.Report,
          visibility: DocumentVisibility.Members,
          tags: ['commitments', 'data'],
        },
        source(commitmentsCsv(group), 'commitments.csv'),
        meta,
      );
      ctx.tally.documents++;
    }
  }
}
