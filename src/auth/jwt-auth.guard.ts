import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { IS_PUBLIC_KEY } from '../common/auth/decorators';
import { isDatabaseUnavailable } from '../common/errors/database-unavailable';
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
    // From here the answer depends on who asks (or is a 401): no browser or proxy may keep it. Set before
    // authenticating so refusals carry it too; a handler's own @Header (the ICS feed's) still replaces it.
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof UnauthorizedError) throw error;
    // The session could not be looked up: a 503, not a 401 that would make clients log their users out.
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new UnauthorizedError();
    return user;
  }
}
