import { EntityManager } from '@mikro-orm/postgresql';
import { DocumentDto, DocumentVersionDto } from './dto/document.dto';
import { Document } from './entities/document.entity';
import { DocumentVersion } from './entities/document-version.entity';

const person = (user: { id: string; displayName: string }) => ({
  id: user.id,
  displayName: user.displayName,
});

/** The version answer of DESIGN.md (`{ number, filename, mimeType, size, sha256, uploadedBy, createdAt }`, + note). */
export function toVersionDto(version: DocumentVersion): DocumentVersionDto {
  return {
    number: version.number,
    filename: version.filename,
    mimeType: version.mimeType,
    size: Number(version.size),
    sha256: version.sha256,
    uploadedBy: person(version.uploadedBy.getEntity()),
    note: version.note,
    createdAt: version.createdAt,
  };
}

/** Document answers with their latest version, for a page of one group's documents: two queries, not one per row. */
export async function toDocumentDtos(
  em: EntityManager,
  documents: Document[],
  groupSlug: string,
): Promise<DocumentDto[]> {
  if (documents.length === 0) return [];
  await em.populate(documents, ['createdBy']);
  const latest = await em.find(
    DocumentVersion,
    { $or: documents.map((d) => ({ document: d.id, number: d.latestVersionNumber })) },
    { populate: ['uploadedBy'] },
  );
  const byDocument = new Map(latest.map((v) => [v.document.id, v]));
  return documents.map((d) => {
    const version = byDocument.get(d.id);
    if (!version) throw new Error(`document ${d.id} has no version ${d.latestVersionNumber}`);
    return {
      id: d.id,
      groupId: d.group.id,
      groupSlug,
      title: d.title,
      description: d.description,
      kind: d.kind,
      visibility: d.visibility,
      tags: [...d.tags],
      meetingId: d.meeting?.id ?? null,
      createdBy: person(d.createdBy.getEntity()),
      latestVersion: toVersionDto(version),
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  });
}

export async function toDocumentDto(
  em: EntityManager,
  document: Document,
  groupSlug: string,
): Promise<DocumentDto> {
  const [dto] = await toDocumentDtos(em, [document], groupSlug);
  return dto;
}

/** What the audit trail keeps of a document (the metadata; versions ride along where added). */
export const documentSnapshot = (d: Document): Record<string, unknown> => ({
  title: d.title,
  description: d.description,
  kind: d.kind,
  visibility: d.visibility,
  tags: [...d.tags],
  meetingId: d.meeting?.id ?? null,
  latestVersionNumber: d.latestVersionNumber,
  deletedAt: d.deletedAt?.toISOString() ?? null,
});

export const versionSnapshot = (v: DocumentVersion): Record<string, unknown> => ({
  versionId: v.id,
  number: v.number,
  filename: v.filename,
  mimeType: v.mimeType,
  size: Number(v.size),
  sha256: v.sha256,
  note: v.note,
});
