import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { newBlobKey } from '../src/storage/blob-storage';
import { DISK_TMP_DIR, DiskBlobStorage } from '../src/storage/disk-blob-storage';
import { describeBlobStorageContract, MiB } from './support/blob-storage-contract';

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Bytes in the files of `dir` (a put's temp file grows as it streams; a published blob leaves it). */
async function bytesInFiles(dir: string): Promise<number> {
  const files = await listTree(dir);
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

let parent: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'convene-disk-blobs-'));
});
afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describeBlobStorageContract('disk', () => {
  const root = join(parent, 'contract', 'blobs');
  return Promise.resolve({
    storage: new DiskBlobStorage(root),
    leftovers: () => readdir(join(root, DISK_TMP_DIR)).catch(() => []),
    handedOn: () => bytesInFiles(join(root, DISK_TMP_DIR)),
    // The write stream's high-water mark and a chunk in the pipeline: well under 1 MiB.
    handOnSlack: MiB,
    // The temp parent is removed by this file's afterAll.
    close: () => Promise.resolve(),
  });
});

describe('DiskBlobStorage on disk', () => {
  let root: string;
  let storage: DiskBlobStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(parent, 'case-'));
    storage = new DiskBlobStorage(join(root, 'blobs'));
  });

  it('lays a blob out at <root>/<key> and writes nowhere outside the root, hostile keys included', async () => {
    const key = newBlobKey('documents', new Date('2026-12-01T00:00:00Z'));
    await storage.put(key, Readable.from([Buffer.from('x')]));
    await storage.put('../outside', Readable.from([Buffer.from('x')])).catch(() => undefined);
    await storage.put('/tmp/outside', Readable.from([Buffer.from('x')])).catch(() => undefined);
    const files = await listTree(root);
    expect(files).toEqual([join(root, 'blobs', ...key.split('/'))]);
    expect(key).toMatch(/^documents\/2026\/12\/[0-9a-f-]{36}$/);
  });

  it('publishes nothing under the key while a put is still streaming', async () => {
    const key = newBlobKey('documents');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const body = Readable.from(
      (async function* () {
        yield Buffer.alloc(MiB, 1);
        await gate;
        yield Buffer.alloc(MiB, 2);
      })(),
    );
    const put = storage.put(key, body);
    // The first MiB is in the temp file; the key itself does not exist yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(storage.stat(key)).resolves.toBeNull();
    expect(await readdir(join(root, 'blobs', DISK_TMP_DIR))).toHaveLength(1);
    release();
    await expect(put).resolves.toEqual({ size: 2 * MiB });
    expect((await storage.stat(key))?.size).toBe(2 * MiB);
    expect(await readdir(join(root, 'blobs', DISK_TMP_DIR))).toEqual([]);
  });

  it('removes a temp file when the source is destroyed without an error', async () => {
    const key = newBlobKey('documents');
    // A client that goes away: the first chunk arrives, then the source is destroyed with no error at all.
    const body = new Readable({ read: () => undefined });
    body.push(Buffer.alloc(MiB, 3));
    setTimeout(() => body.destroy(), 50);
    await expect(storage.put(key, body)).rejects.toThrow(/premature close/i);
    await expect(storage.stat(key)).resolves.toBeNull();
    expect(await readdir(join(root, 'blobs', DISK_TMP_DIR))).toEqual([]);
  });

  it('never lists temp files, and removeIncomplete removes only stale ones', async () => {
    const key = newBlobKey('documents');
    await storage.put(key, Readable.from([Buffer.from('kept')]));
    const tmp = join(root, 'blobs', DISK_TMP_DIR);
    await writeFile(join(tmp, 'stale'), 'left by a crash');
    await writeFile(join(tmp, 'fresh'), 'a put in progress');
    const longAgo = new Date(Date.now() - 48 * 3600_000);
    await utimes(join(tmp, 'stale'), longAgo, longAgo);

    // Nor anything else that no put could have written.
    await mkdir(join(root, 'blobs', 'lost+found'));
    await writeFile(join(root, 'blobs', 'lost+found', 'x'), 'not a blob');
    await writeFile(join(root, 'blobs', 'documents', 'Notes.txt'), 'not a blob');

    const listed = [];
    for await (const blob of storage.list('')) listed.push(blob.key);
    expect(listed).toEqual([key]);

    await expect(storage.removeIncomplete(new Date(Date.now() - 3600_000))).resolves.toBe(1);
    expect(await readdir(tmp)).toEqual(['fresh']);
    await expect(stat(join(root, 'blobs', ...key.split('/')))).resolves.toBeTruthy();
  });

  it('answers an empty store (no root yet) with empty listings and nothing to remove', async () => {
    const fresh = new DiskBlobStorage(join(root, 'not-created'));
    const listed = [];
    for await (const blob of fresh.list('documents/')) listed.push(blob);
    expect(listed).toEqual([]);
    await expect(fresh.removeIncomplete(new Date())).resolves.toBe(0);
    await expect(fresh.stat('documents/x')).resolves.toBeNull();
  });
});
