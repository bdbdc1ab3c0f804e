import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { DataStore } from '@tus/server';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth/auth-user';
import { NotFoundError } from '../common/errors/domain-error';
import { Limiter, RateLimiters } from '../common/rate-limit/rate-limiters';
import { advisoryXactLock } from '../common/sql';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { Upload } from './entities/upload.entity';
import { sweepExpiredUploads, SweepReport } from './upload-sweep';
import type { UploadCreation } from './upload-rules';
import { UploadExpiredError, UploadLimitReachedError } from './uploads.errors';
import { TUS_STORE } from './tus-store';

/** The rows behind `/uploads`: who owns which upload, how many one may hold, and when each expires. */
@Injectable()
export class UploadsService {
  private readonly createLimit: Limiter;
  private readonly expiryMs: number;

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    @Inject(TUS_STORE) private readonly store: DataStore,
    limiters: RateLimiters,
  ) {
    this.expiryMs = config.uploadExpiryHours * 3_600_000;
    this.createLimit = limiters.window('upload-create', {
      points: config.uploadCreateLimitPerUser,
      durationSeconds: config.uploadCreateLimitWindowSeconds,
      detail: 'Too many uploads started; try again later.',
    });
  }

  /**
   * Books an upload for `user` before tus writes anything: the creation rate (429), then the number of open uploads
   * (409), counted and inserted under one per-owner lock so that concurrent creations cannot both take the last slot
   * (docs/architecture.md, "Lock order"). Returns the new upload's id, which tus then uses as its own.
   */
  async reserve(user: AuthUser, creation: UploadCreation): Promise<Upload> {
    await this.createLimit.consume(user.id);
    const now = new Date();
    return this.em.fork().transactional(async (em) => {
      await advisoryXactLock(em, `upload-owner:${user.id}`);
      const open = await em.count(Upload, { owner: user.id, expiresAt: { $gt: now } });
      if (open >= this.config.uploadMaxOpenPerUser) {
        throw new UploadLimitReachedError(this.config.uploadMaxOpenPerUser);
      }
      const upload = em.create(Upload, {
        id: randomUUID(),
        owner: em.getReference(User, user.id),
        length: creation.length,
        declaredFilename: creation.declaredFilename,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.expiryMs),
      });
      em.persist(upload);
      return upload;
    });
  }

  /** The caller's own upload, still usable: 404 for an unknown id or someone else's, 410 once expired. */
  async requireOwned(id: string, user: AuthUser): Promise<Upload> {
    const upload = await this.em.fork().findOne(Upload, { id, owner: user.id });
    if (!upload) throw new NotFoundError('Upload');
    if (upload.expiresAt.getTime() <= Date.now()) throw new UploadExpiredError();
    return upload;
  }

  /** Every byte arrived: the upload now waits (one more expiry period) to be consumed. */
  async markCompleted(id: string): Promise<void> {
    const now = new Date();
    await this.em
      .fork()
      .nativeUpdate(
        Upload,
        { id, completedAt: null },
        { completedAt: now, expiresAt: new Date(now.getTime() + this.expiryMs) },
      );
  }

  /** Abandoned by its owner: no longer counted nor usable, and swept should its removal fail. */
  async expireNow(id: string): Promise<void> {
    await this.em.fork().nativeUpdate(Upload, { id }, { expiresAt: new Date() });
  }

  /** Drops the row of an upload tus refused to create or its owner terminated (tus removed the bytes). */
  async release(id: string): Promise<void> {
    await this.em.fork().nativeDelete(Upload, { id });
  }

  sweep(now = new Date()): Promise<SweepReport> {
    return sweepExpiredUploads(this.em.fork(), this.store, now);
  }
}
