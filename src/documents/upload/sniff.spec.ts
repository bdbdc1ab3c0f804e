import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadInspector } from './inspector';
import { looksLikeText, sniffType } from './sniff';

describe('sniffType', () => {
  it('prefers magic numbers, then UTF-8 text, then octet-stream', async () => {
    expect(await sniffType(Buffer.from('%PDF-1.4\n'), false, 'x.txt')).toEqual({
      mimeType: 'application/pdf',
      extension: 'pdf',
    });
    expect(await sniffType(Buffer.from('a,b\n1,2\n'), false, 'x.csv')).toEqual({
      mimeType: 'text/csv',
      extension: 'csv',
    });
    expect(await sniffType(Buffer.from('<html>'), false, 'x.html')).toEqual({
      mimeType: 'text/plain',
      extension: 'txt',
    });
    expect(await sniffType(Buffer.from([0, 1, 2, 255]), false, 'x.txt')).toEqual({
      mimeType: 'application/octet-stream',
      extension: null,
    });
  });

  it('accepts a multi-byte character cut at the end of a truncated head only', () => {
    const cut = Buffer.from('abc é', 'utf8').subarray(0, 5); // the lead byte of é, without its continuation
    expect(looksLikeText(cut, true)).toBe(true);
    expect(looksLikeText(cut, false)).toBe(false);
    expect(looksLikeText(Buffer.from('bell\u0007'), false)).toBe(false);
  });
});

describe('UploadInspector', () => {
  it('passes every byte on, hashes and sizes them, and fails past the limit', async () => {
    const bytes = Buffer.alloc(10_000, 'a');
    const inspector = new UploadInspector(10_000, 'a.txt');
    const out: Buffer[] = [];
    inspector.on('data', (c: Buffer) => out.push(c));
    await pipeline(Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]), inspector);
    expect(Buffer.concat(out).equals(bytes)).toBe(true);
    expect(inspector.result()).toMatchObject({ size: 10_000, sniffed: { mimeType: 'text/plain' } });
    const small = new UploadInspector(10, null);
    small.resume();
    await expect(pipeline(Readable.from([Buffer.alloc(11)]), small)).rejects.toMatchObject({ status: 413 });
  });
});
