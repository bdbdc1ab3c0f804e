import { newBlobKey } from './blob-storage';
import { assertBlobKey, assertBlobPrefix, InvalidBlobKeyError, isValidBlobKey } from './blob-keys';

describe('blob keys', () => {
  it('accepts every key newBlobKey produces', () => {
    for (const prefix of ['documents', 'uploads/tus', 'a-b/c1']) {
      const key = newBlobKey(prefix, new Date('2026-01-31T23:59:59Z'));
      expect(key).toMatch(new RegExp(`^${prefix}/2026/01/[0-9a-f-]{36}$`));
      expect(isValidBlobKey(key)).toBe(true);
    }
  });

  it.each([
    '',
    '.',
    '..',
    '../x',
    'a/../x',
    'a/./x',
    '/abs',
    'a\\b',
    'C:\\x',
    'a//b',
    'a/',
    '.tmp/x',
    'A/b',
    'a b',
    'a\u0000b',
    'a\nb',
    'é/x',
    'a/%2e%2e',
    'x'.repeat(513),
  ])('refuses %j as a key', (key) => {
    expect(isValidBlobKey(key)).toBe(false);
    expect(() => assertBlobKey(key)).toThrow(InvalidBlobKeyError);
  });

  it('keeps the refused value out of the error message', () => {
    expect(() => assertBlobKey('../../etc/passwd')).toThrow(/^Invalid blob key$/);
  });

  it.each(['', 'documents', 'documents/', 'documents/20', 'documents/2026/12/'])(
    'accepts %j as a prefix',
    (prefix) => {
      expect(() => assertBlobPrefix(prefix)).not.toThrow();
    },
  );

  it.each(['/', '/documents', '..', '../', 'a//', 'a/../', '.tmp', 'A'])(
    'refuses %j as a prefix',
    (prefix) => {
      expect(() => assertBlobPrefix(prefix)).toThrow(InvalidBlobKeyError);
    },
  );
});
