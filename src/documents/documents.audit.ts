/** The audit actions the documents context records (see audit/audit-actions.ts), with their entity type. */
import '../audit/audit-actions';

/**
 * Every document event is about the Document (a version's id and number ride in `after`), so the activity feed
 * can hide a deleted document's whole history from readers by one entity id (documents-activity.ts).
 */
declare module '../audit/audit-actions' {
  interface AuditActionMap {
    /** A document was created with its first version. */
    'document.created': 'Document';
    'document.updated': 'Document';
    /** A new version was appended. */
    'document.version_added': 'Document';
    /** Soft deletion by an anchor: gone from lists and downloads, kept here. */
    'document.deleted': 'Document';
  }
}
