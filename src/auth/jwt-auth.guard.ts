import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { IS_PUBLIC_KEY } from '../common/auth/decorators';
import { UnauthorizedError } from '../common/errors/domain-error';

/**
 * Global guard: deny by default. A route without `@Public()` needs a valid access token. A public route called
 * with a token still authenticates it (so it can tailor what it shows); a bad token there is a 401, not ignored.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    // Sockets authenticate once, in the handshake (see the discussion gateway).
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request>();
    if (isPublic && !request.headers.authorization) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof UnauthorizedError) throw error;
    if (error || !user) throw new UnauthorizedError();
    return user;
  }
}
