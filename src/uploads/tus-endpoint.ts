import { Inject, Injectable } from '@nestjs/common';
import { DataStore, Server } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { storeKey, TUS_STORE, uploadIdOf } from './tus-store';
import { UploadsService } from './uploads.service';

/** Where the controller found the upload a request is about, for tus's id hooks (one entry per request). */
const requestUploadIds = new WeakMap<IncomingMessage, string>();

/** CORS is the app's (CORS_ORIGINS, app.setup): tus would answer every origin with `*` or echo it. */
const APP_OWNED_HEADERS = new Set(['access-control-allow-origin', 'access-control-allow-credentials']);

/**
 * The tus 1.0 protocol engine (`@tus/server`), driven by UploadsController after our own checks (authentication,
 * ownership, limits), which tus knows nothing of. It never chooses ids or reads them from the URL: the controller
 * hands it the id it reserved (creation) or verified (every other request).
 */
@Injectable()
export class TusEndpoint {
  private readonly server: Server;

  constructor(
    @Inject(TUS_STORE) store: DataStore,
    config: AppConfig,
    private readonly uploads: UploadsService,
  ) {
    this.server = new Server({
      path: '/uploads',
      datastore: releasingRowOnRemove(store, (key) => this.uploads.release(uploadIdOf(key))),
      maxSize: config.maxUploadMb * 1024 * 1024,
      namingFunction: (req) => storeKey(this.idOf(req)),
      getFileIdFromRequest: (req) => {
        const id = requestUploadIds.get(req);
        return id === undefined ? undefined : storeKey(id);
      },
      // Relative, so it holds behind a proxy that rewrites the host; tus clients resolve it against the endpoint.
      generateUrl: (_req, { id }) => `/uploads/${uploadIdOf(id)}`,
      onUploadFinish: async (_req, res, upload) => {
        await this.uploads.markCompleted(uploadIdOf(upload.id));
        return res;
      },
    });
  }

  /**
   * Answers a tus request about `uploadId` (already reserved or verified for the caller) and waits until it is sent.
   * `null` only for a request tus refuses before it looks for an id (see `speaksTus1`).
   */
  async handle(req: IncomingMessage, res: ServerResponse, uploadId: string | null): Promise<void> {
    if (uploadId !== null) requestUploadIds.set(req, uploadId);
    // tus honours this override, which would let a PATCH we checked act as a DELETE we did not.
    delete req.headers['x-http-method-override'];
    keepAppCors(res);
    const finished = new Promise<void>((resolve) => res.once('close', resolve));
    await this.server.handle(req, res);
    if (!res.writableEnded) await finished;
  }

  private idOf(req: IncomingMessage): string {
    const id = requestUploadIds.get(req);
    if (id === undefined) throw new Error('tus request without a reserved upload id');
    return id;
  }
}

/** tus answers 412 (no Tus-Resumable) or 400 (another version) before anything else: no need to book an upload. */
export const speaksTus1 = (req: IncomingMessage): boolean => req.headers['tus-resumable'] === '1.0.0';

/**
 * The store as tus sees it: a termination (DELETE) drops our row right after the bytes, before tus answers 204, so
 * the client that reads 204 finds its slot free and the upload a 404. Everything else is the store itself.
 */
function releasingRowOnRemove(store: DataStore, release: (key: string) => Promise<void>): DataStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'remove') {
        return async (key: string): Promise<void> => {
          await target.remove(key);
          await release(key);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Ignores the CORS headers tus sets; merges the headers it exposes (Location, Upload-Offset…) into the app's. */
function keepAppCors(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    const key = name.toLowerCase();
    if (APP_OWNED_HEADERS.has(key)) return res;
    if (key === 'access-control-expose-headers') {
      const current = res.getHeader(name);
      if (current !== undefined) return setHeader(name, `${String(current)}, ${String(value)}`);
    }
    return setHeader(name, value);
  };
}
