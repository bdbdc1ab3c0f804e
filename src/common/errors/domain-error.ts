import type { ErrorCode, ErrorCodeWithStatus } from './error-codes';

export interface FieldError {
  /** Dotted path into the request body or query, e.g. `actionItems[0].dueDate`. */
  path: string;
  message: string;
}

export interface ProblemExtras<C extends ErrorCode = ErrorCode> {
  /** Stable machine-readable code for clients and translations, e.g. `group.anchor_missing` (error-codes.ts). */
  code?: C;
  /** Values a client may interpolate into a translated message. */
  params?: Record<string, unknown>;
  errors?: FieldError[];
  /** How many field errors there were, when `errors` lists only the first MAX_FIELD_ERRORS. */
  errorCount?: number;
  retryAfterSeconds?: number;
}

/** A refusal lists this many field errors at most: the list is for a form, not a dump of every bad key. */
export const MAX_FIELD_ERRORS = 50;

/**
 * Every error a context raises on purpose. One global filter turns it into RFC 9457 problem+json for HTTP and
 * into the `{ ok: false, error }` ack for sockets, so a rule reads the same on both transports.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, extras: ProblemExtras<ErrorCodeWithStatus<400>> = {}) {
    super(400, 'Bad Request', detail, { code: 'request.bad', ...extras });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(
    detail = 'Valid credentials are required.',
    extras: ProblemExtras<ErrorCodeWithStatus<401>> = {},
  ) {
    super(401, 'Unauthorized', detail, { code: 'auth.unauthorized', ...extras });
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail: string, extras: ProblemExtras<ErrorCodeWithStatus<403>> = {}) {
    super(403, 'Forbidden', detail, { code: 'access.forbidden', ...extras });
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, extras: ProblemExtras<ErrorCodeWithStatus<404>> = {}) {
    super(404, 'Not Found', `${resource} was not found.`, {
      code: 'resource.not_found',
      params: { resource },
      ...extras,
    });
  }
}

/** A known path asked with a method none of its routes answers; `allow` becomes the `Allow` header. */
export class MethodNotAllowedError extends DomainError {
  constructor(
    method: string,
    readonly allow: string[],
  ) {
    super(405, 'Method Not Allowed', `${method} is not allowed here; use ${allow.join(', ')}.`, {
      code: 'route.method_not_allowed',
      params: { method, allow },
    });
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, extras: ProblemExtras<ErrorCodeWithStatus<409>> = {}) {
    super(409, 'Conflict', detail, { code: 'state.conflict', ...extras });
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(detail: string) {
    super(413, 'Payload Too Large', detail, { code: 'request.too_large' });
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(contentType: string | null, accepted: string[]) {
    const type = contentType?.split(';')[0].trim();
    super(
      415,
      'Unsupported Media Type',
      `${type ? `The request body is ${type}` : 'The request body has no Content-Type'}; send ${accepted.join(' or ')}.`,
      { code: 'request.unsupported_media_type', params: { accepted } },
    );
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request is not valid.') {
    super(422, 'Unprocessable Content', detail, {
      code: 'request.invalid',
      errors: errors.slice(0, MAX_FIELD_ERRORS),
      errorCount: errors.length,
    });
  }

  static single(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }], message);
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(retryAfterSeconds: number, detail = 'Too many attempts; try again later.') {
    super(429, 'Too Many Requests', detail, { code: 'rate.limited', retryAfterSeconds });
  }
}

/** The server cannot serve this now (it is stopping, a dependency is down); the same request may succeed later. */
export class ServiceUnavailableError extends DomainError {
  constructor(detail: string, extras: ProblemExtras<ErrorCodeWithStatus<503>> = {}) {
    super(503, 'Service Unavailable', detail, { code: 'server.shutting_down', ...extras });
  }
}
