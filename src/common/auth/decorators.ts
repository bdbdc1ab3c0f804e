import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { AuthenticatedMeta, AuthUser, RequestMeta } from './auth-user';
import { UnauthorizedError } from '../errors/domain-error';
import { documentPublicAuth, type PublicAuth } from '../openapi/decorators';

export const IS_PUBLIC_KEY = 'convene:isPublic';

/**
 * Marks a route readable without a token. Everything else requires one (the global guard denies by default).
 * The guard treats every public route alike (a token that is sent is verified); `auth` only says, for the
 * OpenAPI document, whether the route uses the caller when there is one (docs/openapi.md).
 */
export const Public = (auth: PublicAuth = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), documentPublicAuth(auth));

type RequestWithUser = Request & { id?: string; user?: AuthUser };

export const requestMeta = (request: RequestWithUser): RequestMeta => ({
  user: request.user ?? null,
  requestId: typeof request.id === 'string' ? request.id : randomUUID(),
});

/** The caller and request id; `user` is null on public routes called anonymously. */
export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta =>
  requestMeta(ctx.switchToHttp().getRequest<RequestWithUser>()),
);

/** Like `Meta`, for routes behind the guard: the caller is always present. */
export const AuthMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedMeta => {
  const meta = requestMeta(ctx.switchToHttp().getRequest<RequestWithUser>());
  if (!meta.user) throw new UnauthorizedError();
  return meta as AuthenticatedMeta;
});
