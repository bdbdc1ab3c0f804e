import { randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, opendir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobListing, BlobNotFoundError, BlobRange, BlobStat, BlobStorage } from './blob-storage';
import { assertBlobKey, assertBlobPrefix, isValidBlobKey } from './blob-keys';

/** Where a put writes before its rename; a dot name, which no valid key can have, so it never collides or lists. */
export const DISK_TMP_DIR = '.tmp';

/** errno codes meaning "no blob there" for a key path (ENOTDIR: a key segment is a file; EISDIR: a key is a folder). */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isAbsent(error: unknown): boolean {
  return ABSENT.has((error as NodeJS.ErrnoException).code ?? '');
}

/**
 * Blobs as files under `root` (`<DATA_DIR>/blobs`), one file per key at `<root>/<key>`. A put streams into
 * `<root>/.tmp/<uuid>` (same filesystem, so the final rename is atomic), fsyncs, then renames into place: a reader
 * sees either no blob or the whole blob, and a failed put leaves only a temp file, removed at once (or, after a
 * crash, by the sweep's `removeIncomplete`).
 */
export class DiskBlobStorage implements BlobStorage {
  readonly kind = 'disk' as const;
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = join(root, DISK_TMP_DIR);
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, randomUUID());
    let size = 0;
    try {
      // `wx`: a fresh temp file or nothing; `flush`: fsync before close, so the rename publishes bytes on disk.
      await pipeline(
        body,
        async function* count(source: AsyncIterable<Buffer | string>) {
          for await (const chunk of source) {
            size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
            yield chunk;
          }
        },
        createWriteStream(tmp, { flags: 'wx', flush: true }),
      );
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    }
    // The rename is durable only once its directory entry is; best effort, as some filesystems refuse a dir fsync.
    await syncDirectory(dirname(target));
    return { size };
  }

  async read(key: string, range?: BlobRange): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened eagerly so a missing blob rejects here instead of surfacing later as a stream error.
    const handle = await open(path, 'r').catch((error: unknown) => {
      throw isAbsent(error) ? new BlobNotFoundError(key) : error;
    });
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new BlobNotFoundError(key);
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<BlobStat | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size, lastModified: info.mtime } : null;
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
  }

  /**
   * Empty month folders are kept: pruning them could race a concurrent put between its mkdir and its rename, and
   * their number grows by one per prefix and month only.
   */
  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isAbsent(error)) throw error;
    });
  }

  /** Walks the tree lazily (one directory handle open per level), descending only into folders the prefix allows. */
  async *list(prefix: string): AsyncIterable<BlobListing> {
    assertBlobPrefix(prefix);
    yield* this.walk(this.root, '', prefix);
  }

  /**
   * Removes temp files older than `olderThan`: leftovers of puts interrupted by a crash (a failed put removes its own
   * at once). Younger ones may belong to a put in progress and are kept. Returns how many were removed. Temp files
   * carry no key, so the prefix (which only matters on a shared S3 bucket) is not consulted.
   */
  async removeIncomplete(olderThan: Date, _prefix?: string): Promise<number> {
    let removed = 0;
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(this.tmpDir);
    } catch (error) {
      if (isAbsent(error)) return 0;
      throw error;
    }
    for await (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(this.tmpDir, entry.name);
      const info = await stat(path).catch(() => null);
      if (!info || info.mtime >= olderThan) continue;
      await unlink(path).then(
        () => removed++,
        (error: unknown) => {
          if (!isAbsent(error)) throw error;
        },
      );
    }
    return removed;
  }

  private async *walk(dir: string, dirKey: string, prefix: string): AsyncGenerator<BlobListing> {
    let entries: AsyncIterable<Dirent>;
    try {
      entries = await opendir(dir);
    } catch (error) {
      if (isAbsent(error)) return;
      throw error;
    }
    for await (const entry of entries) {
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      // Only what a put could have written: never the temp folder (a dot name), nor anything else found there
      // (`lost+found` on a mount root, an editor's backup), which the sweep would otherwise try to delete.
      if (!isValidBlobKey(key)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const folder = `${key}/`;
        if (folder.startsWith(prefix) || prefix.startsWith(folder)) yield* this.walk(path, key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        // Deleted between the directory read and the stat: simply not listed.
        const info = await stat(path).catch((error: unknown) => {
          if (isAbsent(error)) return null;
          throw error;
        });
        if (info) yield { key, size: info.size, lastModified: info.mtime };
      }
    }
  }

  /** The file of `key`; refuses any key that is not a plain relative path of safe segments. */
  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the directory entry is a bonus; the blob itself was fsynced.
  }
}
