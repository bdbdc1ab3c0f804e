import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { decodeCursor, Page, pageSize, toPage } from '../common/pagination/pagination';
import { finishedUploadSource, readIntake } from './document-intake';
import { documentSnapshot, toDocumentDto, toVersionDto, versionSnapshot } from './document-views';
import { loadDocumentAccess, requireMayEditDocument } from './documents-access';
import { DocumentsService } from './documents.service';
import {
  CreateVersionFieldsDto,
  DocumentDto,
  DocumentVersionDto,
  ListVersionsQueryDto,
} from './dto/document.dto';
import './documents.hooks';
import { DocumentVersion } from './entities/document-version.entity';
import { storeUpload, type UploadSource } from './upload/ingest';

/** Versions: appended, never changed; numbered 1, 2, 3 without a gap under the document row's lock. */
@Injectable()
export class DocumentVersionsService {
  private readonly logger = new Logger(DocumentVersionsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * Streams the bytes to storage first (no lock held while they arrive), then numbers the version under the
   * document row lock (docs/architecture.md, "Lock order"): two concurrent uploads get consecutive numbers.
   */
  async add(id: string, req: Request, meta: AuthenticatedMeta): Promise<DocumentDto> {
    const access = await loadDocumentAccess(this.em, id, meta.user);
    requireMayEditDocument(access, access.document, 'add versions');
    const max = this.documents.maxUploadBytes;
    const intake = await readIntake(req, CreateVersionFieldsDto, max);
    const source: UploadSource =
      intake.source.kind === 'file'
        ? intake.source.file
        : await finishedUploadSource(this.documents.uploadsPort, intake.source.uploadId, meta.user.id);
    const dto = await this.storeAndCommit(id, intake.fields.note ?? null, source, meta);
    if (intake.source.kind === 'upload') await this.documents.releaseUpload(intake.source.uploadId);
    return dto;
  }

  /** A version from a stream that is not a request (the demo seed): the same rules and pipeline as the route. */
  async addFromStream(id: string, note: string | null, source: UploadSource, meta: AuthenticatedMeta) {
    try {
      const access = await loadDocumentAccess(this.em, id, meta.user);
      requireMayEditDocument(access, access.document, 'add versions');
    } catch (error) {
      source.stream.destroy();
      throw error;
    }
    return this.storeAndCommit(id, note, source, meta);
  }

  private async storeAndCommit(
    id: string,
    note: string | null,
    source: UploadSource,
    meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    const max = this.documents.maxUploadBytes;
    const stored = await storeUpload(this.documents.blobStorage, source, max, this.logger);
    return this.documents.commitOrDiscard(stored, () =>
      this.em.transactional(async (em) => {
        const locked = await loadDocumentAccess(em, id, meta.user, { lock: true });
        const { document } = locked;
        requireMayEditDocument(locked, document, 'add versions');
        const before = documentSnapshot(document);
        const version = em.create(DocumentVersion, {
          document,
          number: document.latestVersionNumber + 1,
          filename: stored.filename,
          mimeType: stored.sniffed.mimeType,
          size: stored.size,
          sha256: stored.sha256,
          uploadedBy: meta.user.id,
          note,
          storageKey: stored.storageKey,
        });
        document.latestVersionNumber = version.number;
        document.updatedAt = new Date();
        await em.flush();
        await this.audit.recordGroupChange(em, meta, locked.group.id, {
          action: 'document.version_added',
          entityType: 'Document',
          entityId: document.id,
          before,
          after: { ...documentSnapshot(document), version: versionSnapshot(version) },
          hook: {
            name: 'document.version_added',
            payload: {
              documentId: document.id,
              groupId: locked.group.id,
              versionNumber: version.number,
              actorId: meta.user.id,
            },
          },
        });
        return toDocumentDto(em, document, locked.group.slug);
      }),
    );
  }

  /** Newest first; a document the caller may not see has no versions to list (404). */
  async list(id: string, query: ListVersionsQueryDto, meta: RequestMeta): Promise<Page<DocumentVersionDto>> {
    const access = await loadDocumentAccess(this.em, id, meta.user);
    const limit = pageSize(query);
    const after = query.cursor ? decodeCursor(query.cursor, 'integer') : undefined;
    const rows = await this.em.find(
      DocumentVersion,
      { document: access.document.id, ...(after ? { number: { $lt: Number(after.key) } } : {}) },
      { orderBy: { number: 'desc' }, limit: limit + 1, populate: ['uploadedBy'] },
    );
    return toPage(rows, limit, (v) => ({ key: v.number, id: v.id }), toVersionDto);
  }
}
