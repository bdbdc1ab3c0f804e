import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

/**
 * Fixed rather than configurable: this API is the only issuer and the only audience of its access tokens, and
 * checking both keeps a token minted for anything else with the same key (or a future second audience) out.
 */
export const ACCESS_TOKEN_ISSUER = 'convene';
export const ACCESS_TOKEN_AUDIENCE = 'convene-api';

/** Signature checks shared by the HTTP strategy and the socket handshake: HS256 only (no `none`), iss and aud. */
export const ACCESS_TOKEN_VERIFY = {
  algorithms: ['HS256' as const],
  issuer: ACCESS_TOKEN_ISSUER,
  audience: ACCESS_TOKEN_AUDIENCE,
};

/**
 * jsonwebtoken checks `exp` only when a token has one, so a correctly signed token without it would never
 * expire: `exp` and `iat` are required here, next to the claims the app reads.
 */
export function hasRequiredClaims(
  claims: unknown,
): claims is AccessTokenClaims & { exp: number; iat: number } {
  const c = claims as Partial<Record<'sub' | 'sid' | 'exp' | 'iat', unknown>> | null;
  return (
    typeof c?.sub === 'string' &&
    typeof c.sid === 'string' &&
    typeof c.exp === 'number' &&
    typeof c.iat === 'number'
  );
}

export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** 256 random bits, URL-safe. Only its hash is stored. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get accessTokenTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  signAccessToken(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
      algorithm: 'HS256',
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    });
  }

  /** Signature, algorithm, issuer, audience and expiry; the session is checked by the caller. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<object>(token, ACCESS_TOKEN_VERIFY);
      return hasRequiredClaims(claims) ? claims : null;
    } catch {
      return null;
    }
  }
}
