/**
 * What a blob key may look like: `/`-separated segments of `[a-z0-9-]`, as `newBlobKey` produces them
 * (`documents/2026/12/<uuid>`). Nothing else is accepted, so no key can be absolute, climb with `..`, carry a
 * backslash or a NUL, or name the disk store's dot folders; the same rule on S3 keeps both backends interchangeable.
 */
const KEY = /^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/;
/** A list prefix: the start of a valid key (possibly empty, possibly ending with `/` or mid-segment). */
const PREFIX = /^(?:[a-z0-9-]+\/)*[a-z0-9-]*$/;
const MAX_KEY_LENGTH = 512;

export class InvalidBlobKeyError extends Error {
  constructor(what: 'key' | 'prefix') {
    // The offending value is left out of the message: it may be hostile input headed for a log line.
    super(`Invalid blob ${what}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export function isValidBlobKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

export function assertBlobKey(key: string): void {
  if (typeof key !== 'string' || !isValidBlobKey(key)) throw new InvalidBlobKeyError('key');
}

export function assertBlobPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || prefix.length > MAX_KEY_LENGTH || !PREFIX.test(prefix)) {
    throw new InvalidBlobKeyError('prefix');
  }
}
