import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { DataStore } from '@tus/server';
import { Upload } from './entities/upload.entity';
import type { FinishedUploads, UploadLookup } from './finished-uploads';
import { openStored, storeKey, TUS_STORE } from './tus-store';
import { removeStored } from './upload-sweep';
import { UploadsService } from './uploads.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The FinishedUploads port (finished-uploads.ts) over our rows and the tus store. The store, not the row, says how
 * many bytes arrived: the row's `completedAt` is set by tus's finish hook, which a crash could miss.
 */
@Injectable()
export class FinishedUploadsService implements FinishedUploads {
  constructor(
    private readonly em: EntityManager,
    @Inject(TUS_STORE) private readonly store: DataStore,
    private readonly uploads: UploadsService,
  ) {}

  async find(uploadId: string, userId: string): Promise<UploadLookup> {
    if (!UUID.test(uploadId)) return { status: 'missing' };
    const row = await this.em.fork().findOne(Upload, { id: uploadId, owner: userId });
    if (!row || row.expiresAt.getTime() <= Date.now()) return { status: 'missing' };
    const key = storeKey(uploadId);
    let stored;
    try {
      stored = await this.store.getUpload(key);
    } catch {
      // Bytes gone (or never written): for the caller this upload does not exist.
      return { status: 'missing' };
    }
    const length = stored.size ?? row.length;
    if (stored.offset < length) return { status: 'incomplete', offset: stored.offset, length };
    if (!row.completedAt) await this.uploads.markCompleted(uploadId);
    const store = this.store;
    return {
      status: 'ready',
      upload: {
        id: uploadId,
        size: length,
        declaredFilename: row.declaredFilename,
        open: () => openStored(store, key),
      },
    };
  }

  async remove(uploadId: string): Promise<void> {
    if (!UUID.test(uploadId)) return;
    // Bytes first: should that fail, the row stays and the sweep removes both once it expires.
    if (await removeStored(this.store, storeKey(uploadId))) await this.uploads.release(uploadId);
  }
}
