import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../errors/domain-error';

/** What the body parsers read (app.setup); a body of any other type would reach the route as no body at all. */
export const ACCEPTED_BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

/**
 * Bodies no parser reads because their route streams them itself: tus `PATCH /uploads/:id` (and creation with
 * upload, `POST /uploads`), `application/offset+octet-stream` (src/uploads/).
 */
const STREAMED_BODIES: { path: RegExp; type: string }[] = [
  { path: /^\/uploads(?:\/|$)/, type: 'application/offset+octet-stream' },
];

const isStreamedBody = (req: Request): boolean =>
  STREAMED_BODIES.some(({ path, type }) => path.test(req.path) && req.is(type) === type);

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
  if (hasBody(req) && !req.is(ACCEPTED_BODY_TYPES) && !isStreamedBody(req)) {
    return next(new UnsupportedMediaTypeError(req.headers['content-type'] ?? null, ACCEPTED_BODY_TYPES));
  }
  next();
}
