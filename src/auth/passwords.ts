import argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes). */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verifies against a throwaway hash so an unknown email costs as much time as a wrong password and the two
 * cannot be told apart by timing.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword('convene-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** A short list of the passwords most often seen in breaches; long enough ones still slip through length rules. */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  'password1234',
  'password12345',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiopasdf',
  '111111111111',
  '000000000000',
  'aaaaaaaaaaaa',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'administrator',
  'changeme1234',
  'abc123abc123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'trustno1trustno1',
  'football1234',
  'baseball1234',
  'superman1234',
  'sunshine1234',
  'princess1234',
]);

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(lower) || /^(0123456789|1234567890)+\d*$/.test(lower);
}
