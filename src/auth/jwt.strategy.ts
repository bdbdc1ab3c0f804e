import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from '../common/auth/auth-user';
import { UnauthorizedError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { AuthSessionsService } from './auth-sessions.service';
import { jwtSigningKey } from './jwt-key';
import { ACCESS_TOKEN_VERIFY, hasRequiredClaims } from './tokens.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly sessions: AuthSessionsService,
    private readonly em: EntityManager,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken untouched; its types predate KeyObject.
      secretOrKey: jwtSigningKey(config.requireJwtSecret()) as unknown as Buffer,
      ...ACCESS_TOKEN_VERIFY,
      ignoreExpiration: false,
    });
  }

  /** A valid signature is not enough: the session must be live and the user enabled, checked on every request. */
  async validate(claims: unknown): Promise<AuthUser> {
    if (!hasRequiredClaims(claims) || !UUID.test(claims.sub) || !UUID.test(claims.sid)) {
      throw new UnauthorizedError();
    }
    const caller = await this.sessions.resolveCaller(this.em, claims.sub, claims.sid);
    if (!caller)
      throw new UnauthorizedError('The session has ended or the account is disabled.', {
        code: 'auth.session_inactive',
      });
    return caller;
  }
}
