import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { describeError } from '../common/errors/loggable-error';
import { decodeCursor, Page, pageSize, toPage } from '../common/pagination/pagination';
import { AppConfig } from '../config/app-config';
import { GroupAccess, loadGroupAccess, NOT_FOUND_GROUP } from '../groups/group-access';
import { canSeeMeeting } from '../meetings/meeting-access';
import { Meeting } from '../meetings/entities/meeting.entity';
import { BLOB_STORAGE, type BlobStorage } from '../storage/blob-storage';
import { FINISHED_UPLOADS, type FinishedUploads } from '../uploads/finished-uploads';
import { finishedUploadSource, readIntake } from './document-intake';
import { documentSnapshot, toDocumentDto, toDocumentDtos, versionSnapshot } from './document-views';
import {
  canSeeGroupDocuments,
  loadDocumentAccess,
  requireMayDeleteDocument,
  requireMayEditDocument,
  requireMayUpload,
  seesMemberDocuments,
} from './documents-access';
import { meetingNotInGroup } from './documents.errors';
import { findGroupDocuments } from './documents.queries';
import {
  CreateDocumentFieldsDto,
  DocumentDto,
  ListDocumentsQueryDto,
  UpdateDocumentDto,
} from './dto/document.dto';
import './documents.hooks';
import { Document } from './entities/document.entity';
import { DocumentVersion } from './entities/document-version.entity';
import { discardBlob, storeUpload, type StoredUpload, type UploadSource } from './upload/ingest';

const MIB = 1024 * 1024;

/** Documents themselves: upload with the first version, metadata, soft deletion, the group's list. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
    @Optional() @Inject(FINISHED_UPLOADS) private readonly uploads: FinishedUploads | null,
  ) {}

  get maxUploadBytes(): number {
    return this.config.maxUploadMb * MIB;
  }

  /** Shared with DocumentVersionsService: one storage and one uploads port per context. */
  get blobStorage(): BlobStorage {
    return this.storage;
  }

  get uploadsPort(): FinishedUploads | null {
    return this.uploads;
  }

  async create(slug: string, req: Request, meta: AuthenticatedMeta): Promise<DocumentDto> {
    // Decided before a byte is read: who may not upload here is refused without storing anything.
    const access = await loadGroupAccess(this.em, slug, meta.user);
    requireMayUpload(access);
    const intake = await readIntake(req, CreateDocumentFieldsDto, this.maxUploadBytes, async (f) => {
      if (f.meetingId) await this.requireGroupMeeting(this.em, access, f.meetingId);
    });
    const { fields } = intake;
    const source: UploadSource =
      intake.source.kind === 'file'
        ? intake.source.file
        : await finishedUploadSource(this.uploads, intake.source.uploadId, meta.user.id);
    const dto = await this.storeAndCommit(slug, fields, source, meta);
    if (intake.source.kind === 'upload') await this.releaseUpload(intake.source.uploadId);
    return dto;
  }

  /**
   * A new document from a stream that is not a request (the demo seed): the same rules and the same pipeline as
   * `POST /working-groups/:slug/documents`.
   */
  async createFromStream(
    slug: string,
    fields: CreateDocumentFieldsDto,
    source: UploadSource,
    meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    try {
      const access = await loadGroupAccess(this.em, slug, meta.user);
      requireMayUpload(access);
      if (fields.meetingId) await this.requireGroupMeeting(this.em, access, fields.meetingId);
    } catch (error) {
      source.stream.destroy();
      throw error;
    }
    return this.storeAndCommit(slug, fields, source, meta);
  }

  /** Blob first (the one upload pipeline), then the document, its first version and the audit event. */
  private async storeAndCommit(
    slug: string,
    fields: CreateDocumentFieldsDto,
    source: UploadSource,
    meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    const stored = await storeUpload(this.storage, source, this.maxUploadBytes, this.logger);
    return this.commitOrDiscard(stored, () =>
      this.em.transactional(async (em) => {
        const txAccess = await loadGroupAccess(em, slug, meta.user);
        requireMayUpload(txAccess);
        const document = em.create(Document, {
          group: txAccess.group.id,
          title: fields.title,
          description: fields.description ?? null,
          kind: fields.kind,
          visibility: fields.visibility,
          tags: fields.tags ?? [],
          meeting: fields.meetingId ?? null,
          createdBy: meta.user.id,
          latestVersionNumber: 1,
        });
        const version = em.create(DocumentVersion, {
          document,
          number: 1,
          filename: stored.filename,
          mimeType: stored.sniffed.mimeType,
          size: stored.size,
          sha256: stored.sha256,
          uploadedBy: meta.user.id,
          note: null,
          storageKey: stored.storageKey,
        });
        await em.flush();
        await this.audit.recordGroupChange(em, meta, txAccess.group.id, {
          action: 'document.created',
          entityType: 'Document',
          entityId: document.id,
          after: { ...documentSnapshot(document), version: versionSnapshot(version) },
          hook: {
            name: 'document.version_added',
            payload: {
              documentId: document.id,
              groupId: txAccess.group.id,
              versionNumber: version.number,
              actorId: meta.user.id,
            },
          },
        });
        return toDocumentDto(em, document, txAccess.group.slug);
      }),
    );
  }

  async get(id: string, meta: RequestMeta): Promise<DocumentDto> {
    const access = await loadDocumentAccess(this.em, id, meta.user);
    return toDocumentDto(this.em, access.document, access.group.slug);
  }

  async list(slug: string, query: ListDocumentsQueryDto, meta: RequestMeta): Promise<Page<DocumentDto>> {
    const access = await loadGroupAccess(this.em, slug, meta.user);
    if (!canSeeGroupDocuments(access)) throw new NotFoundError(NOT_FOUND_GROUP);
    const sort = query.sort ?? 'updatedAt';
    const limit = pageSize(query);
    const rows = await findGroupDocuments(this.em, {
      groupId: access.group.id,
      includeMembersOnly: seesMemberDocuments(access),
      kind: query.kind,
      tag: query.tag,
      meetingId: query.meetingId,
      q: query.q,
      sort,
      after: query.cursor ? decodeCursor(query.cursor, sort === 'title' ? 'string' : 'date') : undefined,
      limit: limit + 1,
    });
    const page = toPage(
      rows,
      limit,
      (d) => ({ key: sort === 'title' ? d.title : d.updatedAt.toISOString(), id: d.id }),
      (d) => d,
    );
    return {
      items: await toDocumentDtos(this.em, page.items, access.group.slug),
      nextCursor: page.nextCursor,
    };
  }

  async update(id: string, dto: UpdateDocumentDto, meta: AuthenticatedMeta): Promise<DocumentDto> {
    return this.em.transactional(async (em) => {
      const access = await loadDocumentAccess(em, id, meta.user, { lock: true });
      const { document } = access;
      requireMayEditDocument(access, document, 'edit it');
      if (dto.meetingId) await this.requireGroupMeeting(em, access, dto.meetingId);
      const before = documentSnapshot(document);
      em.assign(document, {
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.kind !== undefined ? { kind: dto.kind } : {}),
        ...(dto.visibility !== undefined ? { visibility: dto.visibility } : {}),
        ...(dto.tags !== undefined ? { tags: dto.tags } : {}),
        ...(dto.meetingId !== undefined ? { meeting: dto.meetingId } : {}),
      });
      const after = documentSnapshot(document);
      if (JSON.stringify(before) === JSON.stringify(after))
        return toDocumentDto(em, document, access.group.slug);
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'document.updated',
        entityType: 'Document',
        entityId: document.id,
        before,
        after,
      });
      return toDocumentDto(em, document, access.group.slug);
    });
  }

  /** Soft deletion: the row, its versions and their blobs stay (the audit trail refers to them). */
  async remove(id: string, meta: AuthenticatedMeta): Promise<void> {
    await this.em.transactional(async (em) => {
      const access = await loadDocumentAccess(em, id, meta.user, { lock: true });
      requireMayDeleteDocument(access);
      const before = documentSnapshot(access.document);
      access.document.deletedAt = new Date();
      await em.flush();
      await this.audit.recordGroupChange(em, meta, access.group.id, {
        action: 'document.deleted',
        entityType: 'Document',
        entityId: access.document.id,
        before,
        after: documentSnapshot(access.document),
      });
    });
  }

  /** A linked meeting must be one of the group's meetings that the caller may see (drafts only for anchors). */
  private async requireGroupMeeting(
    em: EntityManager,
    access: GroupAccess,
    meetingId: string,
  ): Promise<void> {
    const meeting = await em.findOne(Meeting, { id: meetingId, group: access.group.id });
    if (!meeting || !canSeeMeeting(access, meeting)) throw meetingNotInGroup();
  }

  /** Runs the transaction that records a stored blob; if it fails, the blob goes (no blob without a row). */
  async commitOrDiscard<T>(stored: StoredUpload, commit: () => Promise<T>): Promise<T> {
    try {
      return await commit();
    } catch (error) {
      await discardBlob(this.storage, stored.storageKey, this.logger);
      throw error;
    }
  }

  /** After commit: the finished tus upload's bytes now live in blob storage. A failure leaves it to expire. */
  async releaseUpload(uploadId: string): Promise<void> {
    try {
      await this.uploads?.remove(uploadId);
    } catch (error) {
      this.logger.warn(`could not remove finished upload ${uploadId}: ${describeError(error)}`);
    }
  }
}
