import type { ErrorRequestHandler, Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { DomainError } from '../errors/domain-error';
import { BodyShapeError } from './body-shape';
import { scanJsonShape } from './json-shape-scan';

/**
 * body-parser's `verify` hook for JSON: runs on the raw bytes before JSON.parse, so a body that is too complex
 * costs one bounded scan, not a parse, a class-transformer copy and a validation error per key. What it throws
 * reaches the problem filter as is (body-parser keeps the error's own 422 status).
 */
export function verifyJsonShape(_req: IncomingMessage, _res: unknown, buf: Buffer, encoding: string): void {
  const bytes = utf8Bytes(buf, encoding);
  // An encoding this runtime cannot decode is left to the parsed-value check in BodyValidationPipe.
  const violation = bytes ? scanJsonShape(bytes) : null;
  if (violation) throw new BodyShapeError(violation);
}

function utf8Bytes(buf: Buffer, encoding: string): Buffer | null {
  if (/^utf-?8$/i.test(encoding)) return buf;
  try {
    return Buffer.from(new TextDecoder(encoding).decode(buf), 'utf8');
  } catch {
    return null;
  }
}

interface ParserError {
  type?: unknown;
  status?: unknown;
}

/** Bodies refused before any route runs: too large (413) or of a refused shape (422). */
export function isRefusedBody(error: unknown): boolean {
  if (error instanceof BodyShapeError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { type, status } = error as ParserError;
  return status === 413 && (type === 'entity.too.large' || type === 'parameters.too.many');
}

/**
 * Express error middleware placed right after the body parsers: a refused body is counted against the caller
 * (the login limiter's per-IP budget, see app.setup), since it answers before any route, and so before any
 * limiter a route applies. When the count blocks the caller, its 429 replaces the refusal; when counting fails
 * (a store outage) the refusal goes out unchanged rather than as a 500.
 */
export function countRefusedBodies(count: (req: Request) => Promise<void>): ErrorRequestHandler {
  return (error: unknown, req, _res, next) => {
    if (!isRefusedBody(error)) return next(error);
    count(req).then(
      () => next(error),
      (blocked: unknown) => next(blocked instanceof DomainError ? blocked : error),
    );
  };
}
