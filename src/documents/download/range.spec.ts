import { ifRangeHolds, matchesEntityTag, parseRange } from './range';
import { attachmentDisposition } from './content-disposition';

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-9', { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-5000', { kind: 'partial', start: 50, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=100-200', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=9-3', { kind: 'full' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
  ])('%s of 100 bytes → %j', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected);
  });

  it('compares entity tags weakly for If-None-Match and strongly for If-Range', () => {
    expect(matchesEntityTag('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesEntityTag('*', '"b"')).toBe(true);
    expect(matchesEntityTag('"c"', '"b"')).toBe(false);
    expect(ifRangeHolds(undefined, '"b"')).toBe(true);
    expect(ifRangeHolds('"c"', '"b"')).toBe(false);
  });
});

describe('attachmentDisposition', () => {
  it('keeps any name in filename* and gives an ASCII fallback', () => {
    expect(attachmentDisposition('Résumé 東京 (1).pdf')).toBe(
      `attachment; filename="Resume __ (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E6%9D%B1%E4%BA%AC%20%281%29.pdf`,
    );
    expect(attachmentDisposition('50%"off".txt')).toBe(
      `attachment; filename="50__off_.txt"; filename*=UTF-8''50%25%22off%22.txt`,
    );
  });
});
