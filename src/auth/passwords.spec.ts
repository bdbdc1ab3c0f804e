import { hashPassword, isCommonPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'correct horse battery stapl')).resolves.toBe(false);
  });

  it('treats a malformed stored hash as a mismatch, not a crash', async () => {
    await expect(verifyPassword('not-a-hash', 'whatever')).resolves.toBe(false);
  });

  it('flags common and degenerate passwords', () => {
    expect(isCommonPassword('Password1234')).toBe(true);
    expect(isCommonPassword('zzzzzzzzzzzzzz')).toBe(true);
    expect(isCommonPassword('tidy-otter-sings-at-dawn')).toBe(false);
  });
});
