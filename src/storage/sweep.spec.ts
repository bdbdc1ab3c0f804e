import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { newBlobKey } from './blob-storage';
import { DISK_TMP_DIR, DiskBlobStorage } from './disk-blob-storage';
import { sweepOrphans } from './sweep';

const HOUR = 3600_000;

describe('sweepOrphans on disk storage', () => {
  let parent: string;
  let root: string;
  let storage: DiskBlobStorage;
  const now = Date.now();
  const cutoff = new Date(now - 24 * HOUR);
  const longAgo = new Date(now - 72 * HOUR);

  async function putBlob(prefix: string, modified?: Date): Promise<string> {
    const key = newBlobKey(prefix);
    await storage.put(key, Readable.from([Buffer.from(key)]));
    if (modified) await utimes(join(root, ...key.split('/')), modified, modified);
    return key;
  }

  async function keys(prefix = ''): Promise<string[]> {
    const found: string[] = [];
    for await (const blob of storage.list(prefix)) found.push(blob.key);
    return found.sort();
  }

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'convene-sweep-'));
    root = join(parent, 'blobs');
    storage = new DiskBlobStorage(root);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('removes old blobs no row references and keeps referenced, young and other-prefix ones', async () => {
    const orphans = [await putBlob('documents', longAgo), await putBlob('documents', longAgo)];
    const referenced = [await putBlob('documents', longAgo), await putBlob('documents', longAgo)];
    const young = await putBlob('documents');
    const elsewhere = await putBlob('avatars', longAgo);
    const asked: string[][] = [];

    const result = await sweepOrphans(
      storage,
      'documents/',
      (batch) => {
        asked.push([...batch]);
        return Promise.resolve(new Set(batch.filter((key) => referenced.includes(key))));
      },
      { olderThan: cutoff, batchSize: 3 },
    );

    expect(result).toEqual({ scanned: 5, young: 1, referenced: 2, removed: 2, incompleteRemoved: 0 });
    await expect(keys()).resolves.toEqual([...referenced, young, elsewhere].sort());
    for (const key of orphans) await expect(storage.stat(key)).resolves.toBeNull();
    // Four candidates in batches of at most three; the young blob is never even asked about.
    expect(asked.map((batch) => batch.length).sort()).toEqual([1, 3]);
    expect(asked.flat().sort()).toEqual([...orphans, ...referenced].sort());
  });

  it('removes stale temp files of interrupted puts and keeps fresh ones', async () => {
    await putBlob('documents', longAgo);
    const tmp = join(root, DISK_TMP_DIR);
    await writeFile(join(tmp, 'crashed'), 'partial');
    await utimes(join(tmp, 'crashed'), longAgo, longAgo);
    await writeFile(join(tmp, 'in-progress'), 'partial');

    const result = await sweepOrphans(storage, 'documents/', (batch) => Promise.resolve(new Set(batch)), {
      olderThan: cutoff,
    });

    expect(result).toMatchObject({ scanned: 1, referenced: 1, removed: 0, incompleteRemoved: 1 });
    expect(await readdir(tmp)).toEqual(['in-progress']);
  });

  it('deletes nothing of a batch whose reference lookup fails', async () => {
    const orphan = await putBlob('documents', longAgo);
    await expect(
      sweepOrphans(storage, 'documents/', () => Promise.reject(new Error('database down')), {
        olderThan: cutoff,
      }),
    ).rejects.toThrow('database down');
    await expect(storage.stat(orphan)).resolves.not.toBeNull();
  });

  it('answers an empty store with zero counts', async () => {
    const lookup = jest.fn((batch: string[]) => Promise.resolve(new Set(batch)));
    await expect(sweepOrphans(storage, 'documents/', lookup, { olderThan: cutoff })).resolves.toEqual({
      scanned: 0,
      young: 0,
      referenced: 0,
      removed: 0,
      incompleteRemoved: 0,
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a batch size that is not a positive integer', async () => {
    for (const batchSize of [0, -1, 1.5]) {
      await expect(
        sweepOrphans(storage, 'documents/', () => Promise.resolve(new Set<string>()), {
          olderThan: cutoff,
          batchSize,
        }),
      ).rejects.toBeInstanceOf(RangeError);
    }
  });
});
