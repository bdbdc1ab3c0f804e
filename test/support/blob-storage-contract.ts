import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobNotFoundError, BlobStorage, newBlobKey } from '../../src/storage/blob-storage';
import { InvalidBlobKeyError } from '../../src/storage/blob-keys';

/** One backend under test, built once per suite. */
export interface ContractSubject {
  storage: BlobStorage;
  /**
   * What interrupted puts may have left outside the key space (disk temp files; multipart uploads where the server
   * can list them), so the suite can assert it is nothing. Absent when the backend gives no way to see it.
   */
  leftovers?(): Promise<string[]>;
  /**
   * How many bytes of puts the backend has taken so far (disk: bytes in temp files; S3: parts started on the wire ×
   * part size), and how much a streaming put may still hold back while its source is paused (the chunk or part
   * being filled): what the suite uses to tell streaming from buffering without measuring memory.
   */
  handedOn(): Promise<number>;
  handOnSlack: number;
  close(): Promise<void>;
}

export const MiB = 1024 * 1024;

/**
 * Deterministic pseudo-random bytes (xorshift32), `total` of them in `chunkSize` pieces: not compressible, not
 * uniform, so a misplaced range or a dropped chunk changes the bytes, not just the length.
 */
export function* generatedChunks(total: number, seed = 1, chunkSize = 64 * 1024): Generator<Buffer> {
  let state = seed >>> 0 || 1;
  for (let offset = 0; offset < total; offset += chunkSize) {
    const length = Math.min(chunkSize, total - offset);
    const words = new Uint32Array(Math.ceil(length / 4));
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      words[i] = state;
    }
    yield Buffer.from(words.buffer, 0, length);
  }
}

/**
 * A Readable producing generated chunks on demand (never a file, never the whole body at once). `failAfter`: it
 * fails once that many bytes were produced; `pause`: it stops producing at `at` bytes until `until` resolves.
 */
export function generatedStream(
  total: number,
  options: { seed?: number; failAfter?: number; pause?: { at: number; until: Promise<void> } } = {},
): Readable {
  const chunks = generatedChunks(total, options.seed);
  let sent = 0;
  let paused = false;
  const pushNext = (stream: Readable): void => {
    if (options.failAfter !== undefined && sent >= options.failAfter) {
      stream.destroy(new Error('source failed midway'));
      return;
    }
    const next = chunks.next();
    if (next.done) {
      stream.push(null);
      return;
    }
    sent += next.value.length;
    stream.push(next.value);
  };
  return new Readable({
    read() {
      const pause = options.pause;
      if (pause && !paused && sent >= pause.at) {
        // No push until it resolves: the stream stays in this read call, so it asks for nothing more meanwhile.
        paused = true;
        void pause.until.then(() => pushNext(this));
        return;
      }
      pushNext(this);
    },
  });
}

export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts);
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function keysOf(storage: BlobStorage, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of storage.list(prefix)) keys.push(blob.key);
  return keys.sort();
}

const HOSTILE_KEYS = [
  '',
  '..',
  '../escape',
  'documents/../../escape',
  'documents/./x',
  '/etc/passwd',
  'documents\\..\\escape',
  'documents//x',
  'documents/',
  '.tmp/x',
  'Documents/x',
  'documents/x y',
  'documents/x\u0000y',
  'documents/%2e%2e/x',
  `documents/${'x'.repeat(600)}`,
];

/**
 * The behaviour every BlobStorage promises (src/storage/blob-storage.ts), run against one backend. Streaming is
 * checked by what the backend has taken while the source is paused, not by memory (measured in `bench/`).
 */
export function describeBlobStorageContract(name: string, makeStorage: () => Promise<ContractSubject>): void {
  describe(`BlobStorage contract: ${name}`, () => {
    let subject: ContractSubject;
    let storage: BlobStorage;
    // Every key of this run lives under its own namespace, so listings see only what this suite wrote.
    const ns = `contract-${randomUUID()}`;

    beforeAll(async () => {
      subject = await makeStorage();
      storage = subject.storage;
    });
    afterAll(async () => {
      await subject?.close();
    });

    describe('a multi-MB blob (more than two S3 parts, not part-aligned)', () => {
      const size = 12 * MiB + 123;
      const expected = Buffer.concat([...generatedChunks(size, 7)]);
      let key: string;

      beforeAll(async () => {
        key = newBlobKey(`${ns}/big`);
        await expect(storage.put(key, generatedStream(size, { seed: 7 }))).resolves.toEqual({ size });
      });

      it('reads back byte for byte (sha256)', async () => {
        const wanted = createHash('sha256').update(expected).digest('hex');
        await expect(sha256Of(await storage.read(key))).resolves.toBe(wanted);
      });

      it.each([
        ['the first byte', 0, 0],
        ['a middle range across a part boundary', 5 * MiB - 10, 5 * MiB + 9],
        ['the last byte', size - 1, size - 1],
        ['the whole blob as a range', 0, size - 1],
      ])('reads %s', async (_label, start, end) => {
        const bytes = await collect(await storage.read(key, { start, end }));
        expect(bytes.length).toBe(end - start + 1);
        expect(bytes.equals(expected.subarray(start, end + 1))).toBe(true);
      });

      it('stats its size and a recent modification time', async () => {
        const info = await storage.stat(key);
        expect(info?.size).toBe(size);
        expect(Math.abs(Date.now() - (info?.lastModified.getTime() ?? 0))).toBeLessThan(5 * 60_000);
      });
    });

    it('stores a small and an empty blob', async () => {
      const small = newBlobKey(`${ns}/small`);
      await expect(
        storage.put(small, Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
          contentType: 'text/plain',
        }),
      ).resolves.toEqual({ size: 11 });
      await expect(collect(await storage.read(small))).resolves.toEqual(Buffer.from('hello world'));
      await expect(collect(await storage.read(small, { start: 6, end: 10 }))).resolves.toEqual(
        Buffer.from('world'),
      );

      const empty = newBlobKey(`${ns}/small`);
      await expect(storage.put(empty, Readable.from([]))).resolves.toEqual({ size: 0 });
      expect((await storage.stat(empty))?.size).toBe(0);
      await expect(collect(await storage.read(empty))).resolves.toEqual(Buffer.alloc(0));
    });

    it('answers a missing key with null (stat) and BlobNotFoundError (read)', async () => {
      const key = newBlobKey(`${ns}/missing`);
      await expect(storage.stat(key)).resolves.toBeNull();
      await expect(storage.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(storage.read(key, { start: 0, end: 0 })).rejects.toBeInstanceOf(BlobNotFoundError);
      // A key that is only a folder of other keys is no blob either.
      const child = newBlobKey(`${ns}/folder`);
      await storage.put(child, Readable.from([Buffer.from('x')]));
      await expect(storage.read(`${ns}/folder`)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(storage.stat(`${ns}/folder`)).resolves.toBeNull();
    });

    it('deletes idempotently', async () => {
      const key = newBlobKey(`${ns}/delete`);
      await storage.put(key, Readable.from([Buffer.from('bye')]));
      await storage.delete(key);
      await expect(storage.stat(key)).resolves.toBeNull();
      await expect(storage.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete(newBlobKey(`${ns}/never`))).resolves.toBeUndefined();
    });

    it('lists by prefix, whole segments or not', async () => {
      const a = [1, 2, 3].map(() => newBlobKey(`${ns}/list/a`));
      const ab = newBlobKey(`${ns}/list/ab`);
      const b = newBlobKey(`${ns}/list/b`);
      for (const [i, key] of [...a, ab, b].entries()) {
        await storage.put(key, Readable.from([Buffer.alloc(i + 1, i)]));
      }
      await expect(keysOf(storage, `${ns}/list/a/`)).resolves.toEqual([...a].sort());
      await expect(keysOf(storage, `${ns}/list/a`)).resolves.toEqual([...a, ab].sort());
      await expect(keysOf(storage, `${ns}/list/`)).resolves.toEqual([...a, ab, b].sort());
      await expect(keysOf(storage, `${ns}/nothing-here/`)).resolves.toEqual([]);
      const listed = [];
      for await (const blob of storage.list(b)) listed.push(blob);
      expect(listed).toEqual([{ key: b, size: 5, lastModified: expect.anything() }]);
      // fs and the SDK build their Dates outside jest's realm, so `instanceof Date` would not hold here.
      expect(Math.abs(Date.now() - listed[0].lastModified.getTime())).toBeLessThan(5 * 60_000);
    });

    describe('a put whose source fails', () => {
      it.each([
        ['midway through a multi-part body', 11 * MiB],
        ['before the first part is full', 100 * 1024],
        ['at once', 0],
      ])('%s rejects with that error and leaves nothing under the key', async (_label, failAfter) => {
        const key = newBlobKey(`${ns}/failed`);
        const body = generatedStream(20 * MiB, { failAfter });
        await expect(storage.put(key, body)).rejects.toThrow('source failed midway');
        await expect(storage.stat(key)).resolves.toBeNull();
        await expect(storage.read(key)).rejects.toBeInstanceOf(BlobNotFoundError);
        await expect(keysOf(storage, `${ns}/failed/`)).resolves.toEqual([]);
        if (subject.leftovers) await expect(subject.leftovers()).resolves.toEqual([]);
      });
    });

    it('refuses hostile keys and prefixes before touching anything', async () => {
      for (const key of HOSTILE_KEYS) {
        await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
          InvalidBlobKeyError,
        );
        await expect(storage.read(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
      for (const prefix of ['..', '../', '/', '/etc', 'a//', '.tmp', 'a\\b']) {
        await expect(keysOf(storage, prefix)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
    });

    it('hands a put on while its source is still producing (a paused source finds nearly all of it taken)', async () => {
      const total = 40 * MiB;
      const pauseAt = 32 * MiB;
      const key = newBlobKey(`${ns}/streaming`);
      const before = await subject.handedOn();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const put = storage.put(key, generatedStream(total, { seed: 3, pause: { at: pauseAt, until: gate } }));
      let taken = 0;
      try {
        for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
          taken = (await subject.handedOn()) - before;
          if (taken >= pauseAt - subject.handOnSlack) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        release();
      }
      await expect(put).resolves.toEqual({ size: total });
      // A buffering put takes nothing before its source ends; a streaming one all but the piece being filled.
      expect(taken).toBeGreaterThanOrEqual(pauseAt - subject.handOnSlack);
      expect(taken).toBeLessThanOrEqual(pauseAt);
      expect((await storage.stat(key))?.size).toBe(total);
      await storage.delete(key);
    }, 120_000);
  });
}
