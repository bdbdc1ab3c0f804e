import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../errors/domain-error';

/** What the body parsers read (app.setup); a body of any other type would reach the route as no body at all. */
export const ACCEPTED_BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

/**
 * Routes that read their body as a stream (document uploads, tus): their type is accepted there, and only there, besides the types above (a document named by a tus `uploadId` comes as JSON).
 */
export const STREAMED_BODY_ROUTES: { method: string; path: RegExp; types: string[] }[] = [
  { method: 'POST', path: /^\/working-groups\/[^/]+\/documents\/?$/, types: ['multipart/form-data'] },
  { method: 'POST', path: /^\/documents\/[^/]+\/versions\/?$/, types: ['multipart/form-data'] },
  // tus (src/uploads/): the bytes of a PATCH, and of a creation with upload.
  { method: 'POST', path: /^\/uploads\/?$/, types: ['application/offset+octet-stream'] },
  { method: 'PATCH', path: /^\/uploads\/[^/]+\/?$/, types: ['application/offset+octet-stream'] },
];

function streamedTypes(req: Request): string[] {
  return STREAMED_BODY_ROUTES.filter((r) => r.method === req.method && r.path.test(req.path)).flatMap(
    (r) => r.types,
  );
}

/** A request with body bytes: a positive Content-Length or a chunked body (an empty POST has neither). */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/**
 * Placed after the body parsers: a body they did not read (`text/plain`, XML, no Content-Type) is refused as 415,
 * instead of reaching validation as an empty object and being answered with a list of missing fields.
 */
export function refuseUnsupportedBodies(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req)) {
    const accepted = [...ACCEPTED_BODY_TYPES, ...streamedTypes(req)];
    if (!req.is(accepted)) {
      return next(new UnsupportedMediaTypeError(req.headers['content-type'] ?? null, accepted));
    }
  }
  next();
}
