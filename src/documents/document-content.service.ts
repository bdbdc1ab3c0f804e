import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { RequestMeta } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { describeError } from '../common/errors/loggable-error';
import { GroupVisibility } from '../groups/groups.enums';
import { BLOB_STORAGE, BlobNotFoundError, type BlobStorage } from '../storage/blob-storage';
import { loadDocumentAccess } from './documents-access';
import { DocumentVisibility } from './documents.enums';
import { rangeNotSatisfiable } from './documents.errors';
import { attachmentDisposition } from './download/content-disposition';
import { ifRangeHolds, matchesEntityTag, parseRange } from './download/range';
import { ContentQueryDto } from './dto/document.dto';
import { DocumentVersion } from './entities/document-version.entity';

const NOT_FOUND_VERSION = 'Document version';

/**
 * Downloads (docs/documents.md, "Downloads"): always an attachment, never rendered by the browser on our origin
 * (nosniff, a sandboxing CSP), with the sniffed type, the sha256 as a strong ETag, conditional and range requests.
 */
@Injectable()
export class DocumentContentService {
  private readonly logger = new Logger(DocumentContentService.name);

  constructor(
    private readonly em: EntityManager,
    @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
  ) {}

  async send(
    id: string,
    query: ContentQueryDto,
    meta: RequestMeta,
    req: Request,
    res: Response,
  ): Promise<void> {
    const access = await loadDocumentAccess(this.em, id, meta.user);
    const number = query.version ? Number(query.version) : access.document.latestVersionNumber;
    const version = await this.em.findOne(DocumentVersion, { document: access.document.id, number });
    if (!version) throw new NotFoundError(NOT_FOUND_VERSION);
    const size = Number(version.size);
    const etag = `"${version.sha256}"`;
    const isPublic =
      access.group.visibility === GroupVisibility.Public &&
      access.document.visibility === DocumentVisibility.Public;
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Public content may sit in shared caches, but is revalidated each time: a document made members-only or
    // deleted stops being served at once. Members-only content stays in the reader's own cache only.
    res.setHeader('Cache-Control', isPublic ? 'public, no-cache' : 'private, no-cache');
    res.setHeader('Vary', 'Authorization');
    if (matchesEntityTag(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    const range = ifRangeHolds(req.get('If-Range'), etag)
      ? parseRange(req.get('Range'), size)
      : ({ kind: 'full' } as const);
    if (range.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${size}`);
      throw rangeNotSatisfiable(size);
    }
    const stream = await this.open(version, range.kind === 'partial' ? range : undefined);
    res.setHeader('Content-Type', contentType(version.mimeType));
    res.setHeader('Content-Disposition', attachmentDisposition(version.filename));
    // Even if a browser were asked to render it, no script runs and nothing loads.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (range.kind === 'partial') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD') {
      stream.destroy();
      res.end();
      return;
    }
    stream.on('error', (error) => {
      // Headers are gone already: all that is left is to cut the connection, so the client sees a failed download.
      this.logger.error(`reading blob of ${version.id} failed mid-download: ${describeError(error)}`);
      res.destroy();
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  private async open(version: DocumentVersion, range?: { start: number; end: number }): Promise<Readable> {
    try {
      return await this.storage.read(version.storageKey, range);
    } catch (error) {
      if (error instanceof BlobNotFoundError) {
        this.logger.error(`blob ${version.storageKey} of version ${version.id} is missing`);
        throw new NotFoundError(NOT_FOUND_VERSION);
      }
      throw error;
    }
  }
}

/** Text is UTF-8 (the sniffer only calls valid UTF-8 text). */
const contentType = (mimeType: string): string =>
  mimeType.startsWith('text/') ? `${mimeType}; charset=utf-8` : mimeType;
