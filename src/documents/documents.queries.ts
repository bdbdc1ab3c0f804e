import { EntityManager } from '@mikro-orm/postgresql';
import { CursorPosition } from '../common/pagination/pagination';
import { escapeLike } from '../common/sql';
import { DocumentKind, DocumentVisibility } from './documents.enums';
import { Document } from './entities/document.entity';
import type { DocumentSort } from './dto/document.dto';

/**
 * The documents context's hand-written SQL. Values are always parameters (enum values included).
 */

export interface DocumentListFilter {
  groupId: string;
  /** False: public documents only (documents-access.ts, `canSeeDocument`, for a reader who is not a member). */
  includeMembersOnly: boolean;
  kind?: DocumentKind;
  tag?: string;
  meetingId?: string;
  /** Matched as a literal substring of title or description, ignoring case and accents (unaccent). */
  q?: string;
  sort: DocumentSort;
  after?: CursorPosition;
  limit: number;
}

/**
 * One page of a group's live (not deleted) documents, filtered and ordered in SQL so pages stay full. The
 * `deleted_at` and `visibility` conditions restate `canSeeDocument` (documents-access.ts) for a reader who may see
 * the group's library; test/documents.e2e-spec.ts ("lists exactly the documents each reader may open") keeps both
 * equal.
 */
export function findGroupDocuments(em: EntityManager, filter: DocumentListFilter): Promise<Document[]> {
  const qb = em.createQueryBuilder(Document, 'd').select('*');
  qb.where({ group: filter.groupId, deletedAt: null });
  if (!filter.includeMembersOnly) qb.andWhere('d.visibility = ?', [DocumentVisibility.Public]);
  if (filter.kind) qb.andWhere('d.kind = ?', [filter.kind]);
  if (filter.tag) qb.andWhere('? = any(d.tags)', [filter.tag.normalize('NFC').trim().toLowerCase()]);
  if (filter.meetingId) qb.andWhere('d.meeting_id = ?', [filter.meetingId]);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    qb.andWhere(
      // unaccent before lower: under the embedded server's C locale lower() folds ASCII only, so 'Ü' must become 'U'
      // first. Both sides get the same treatment, so the match does not depend on the database's locale.
      `(lower(unaccent(d.title)) like lower(unaccent(?))
        or lower(unaccent(coalesce(d.description, ''))) like lower(unaccent(?)))`,
      [pattern, pattern],
    );
  }
  // updatedAt: newest first; title: A to Z. The id breaks ties in the same direction.
  const [column, op, direction] =
    filter.sort === 'title' ? ['d.title', '>', 'asc' as const] : ['d.updated_at', '<', 'desc' as const];
  if (filter.after) {
    qb.andWhere(`(${column} ${op} ? or (${column} = ? and d.id ${op} ?))`, [
      filter.after.key,
      filter.after.key,
      filter.after.id,
    ]);
  }
  qb.orderBy({ [filter.sort]: direction, id: direction }).limit(filter.limit);
  return qb.getResultList();
}

/** Of `documentIds`, those that are live documents of the group (agenda items may link only those). */
export async function liveDocumentIdsInGroup(
  em: EntityManager,
  groupId: string,
  documentIds: string[],
): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const rows = await em.execute<{ id: string }[]>(
    'select id from document where group_id = ? and deleted_at is null and id = any(?::uuid[])',
    [groupId, `{${documentIds.join(',')}}`],
  );
  return rows.map((r) => r.id);
}

export interface LinkedDocumentRow {
  id: string;
  meeting_id: string;
  title: string;
  kind: DocumentKind;
  visibility: DocumentVisibility;
}

/** The live documents linked to these meetings, by title; members-only ones only where `withMembersOnly`. */
export function linkedDocuments(
  em: EntityManager,
  publicOnly: string[],
  withMembersOnly: string[],
): Promise<LinkedDocumentRow[]> {
  return em.execute<LinkedDocumentRow[]>(
    `select d.id, d.meeting_id, d.title, d.kind, d.visibility from document d
      where d.deleted_at is null
        and ((d.meeting_id = any(?::uuid[]) and d.visibility = ?) or d.meeting_id = any(?::uuid[]))
      order by d.title, d.id`,
    [`{${publicOnly.join(',')}}`, DocumentVisibility.Public, `{${withMembersOnly.join(',')}}`],
  );
}

/** Ids of a group's soft-deleted documents: their history leaves the activity feed of non-managers. */
export async function deletedDocumentIds(em: EntityManager, groupId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    'select id from document where group_id = ? and deleted_at is not null',
    [groupId],
  );
  return rows.map((r) => r.id);
}

/** A PostgreSQL array literal of text values (quoted and escaped: a key listed by storage may hold anything). */
const textArray = (values: string[]): string =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** Of `keys`, those a version row points to (the storage sweep keeps those blobs). */
export async function referencedStorageKeys(em: EntityManager, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await em.execute<{ storage_key: string }[]>(
    'select storage_key from document_version where storage_key = any(?::text[])',
    [textArray(keys)],
  );
  return new Set(rows.map((r) => r.storage_key));
}
