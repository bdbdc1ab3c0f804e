import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The HS256 secret as a KeyObject, made once at boot. Given a string, jsonwebtoken derives the key on every sign
 * and verify, first trying to parse the string as a PEM public key (which throws): 17 % of the CPU of an
 * authenticated list request (docs/performance.md). Same bytes (UTF-8), so tokens are unchanged.
 */
export function jwtSigningKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
