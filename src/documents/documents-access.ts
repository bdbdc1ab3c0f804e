import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { notFoundAs } from '../common/errors/not-found-as';
import { DocumentUploads, GroupRole, GroupVisibility } from '../groups/groups.enums';
import { GroupAccess, loadGroupAccessById, meetsGroupRole, requireGroupRole } from '../groups/group-access';
import { DocumentVisibility } from './documents.enums';
import { Document } from './entities/document.entity';

/**
 * Who may do what with documents (docs/documents.md, "Who may do what"). Every route decides here, on top of
 * `loadGroupAccess` / `requireGroupRole`; a document the caller may not see is a 404, like its group.
 */

export const NOT_FOUND_DOCUMENT = 'Document';

export interface DocumentAccess extends GroupAccess {
  document: Document;
}

/** Active members of any role (observers included) and stewards read members-only documents. */
export const seesMemberDocuments = (access: GroupAccess): boolean => access.role !== null || access.isSteward;

/** A group's document library is public for a public group; for a members-only group, members and stewards. */
export const canSeeGroupDocuments = (access: GroupAccess): boolean =>
  access.group.visibility === GroupVisibility.Public || seesMemberDocuments(access);

/**
 * Public documents of public groups are public; everything else is for members and stewards. A soft-deleted
 * document is seen by no one (the audit trail keeps it).
 */
export function canSeeDocument(access: GroupAccess, document: Document): boolean {
  if (document.deletedAt !== null) return false;
  if (seesMemberDocuments(access)) return true;
  return (
    access.group.visibility === GroupVisibility.Public && document.visibility === DocumentVisibility.Public
  );
}

/** Anchors always; active members where the group's `documentUploads` is `members`; never observers. */
export function requireMayUpload(access: GroupAccess): void {
  const needed =
    access.group.documentUploads === DocumentUploads.Anchors ? GroupRole.Anchor : GroupRole.Member;
  requireGroupRole(access, needed, 'upload documents');
}

/** The uploader (while still an active member who could upload) and the group's anchors. */
export function mayEditDocument(access: GroupAccess, document: Document): boolean {
  if (access.role === GroupRole.Anchor) return true;
  return (
    access.user !== null &&
    document.createdBy.id === access.user.id &&
    meetsGroupRole(access.role, GroupRole.Member)
  );
}

export function requireMayEditDocument(access: GroupAccess, document: Document, action: string): void {
  if (mayEditDocument(access, document)) return;
  throw new ForbiddenError(`Only the document's uploader or an anchor of this group may ${action}.`, {
    code: 'document.edit_forbidden',
    params: { action },
  });
}

export function requireMayDeleteDocument(access: GroupAccess): void {
  requireGroupRole(access, GroupRole.Anchor, 'delete documents');
}

/**
 * Loads a document the caller may see, with the caller's standing in its group; 404 otherwise. `lock` takes the
 * document row FOR UPDATE (version numbering; docs/architecture.md, "Lock order": after the group row).
 */
export async function loadDocumentAccess(
  em: EntityManager,
  documentId: string,
  user: AuthUser | null,
  options: { lock?: boolean } = {},
): Promise<DocumentAccess> {
  const document = await em.findOne(
    Document,
    { id: documentId },
    options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {},
  );
  // An unknown document still runs the group lookup (its id names no group), so both 404s cost the same.
  const access = await notFoundAs(
    NOT_FOUND_DOCUMENT,
    loadGroupAccessById(em, document?.group.id ?? documentId, user),
  );
  if (!document || !canSeeDocument(access, document)) throw new NotFoundError(NOT_FOUND_DOCUMENT);
  return { ...access, document };
}
