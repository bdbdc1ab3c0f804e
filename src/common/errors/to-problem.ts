import { HttpException } from '@nestjs/common';
import {
  DeadlockException,
  NotFoundError as OrmNotFoundError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain-error';
import { genericProblem, Problem, problemFromDomainError } from './problem';

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

const isBodyParserError = (e: unknown): e is BodyParserError & Error =>
  e instanceof Error &&
  typeof (e as BodyParserError).type === 'string' &&
  typeof (e as BodyParserError).status === 'number';

/**
 * One mapping from anything thrown to a problem, shared by the HTTP filter and the socket ack.
 * Unknown errors become a 500 whose body says nothing about internals.
 */
export function toProblem(error: unknown): {
  problem: Problem;
  retryAfterSeconds?: number;
  unexpected: boolean;
} {
  if (error instanceof DomainError) {
    return {
      problem: problemFromDomainError(error),
      retryAfterSeconds: error.extras.retryAfterSeconds,
      unexpected: false,
    };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return {
        problem: genericProblem(413, 'The request body is larger than allowed.', 'request.too_large'),
        unexpected: false,
      };
    }
    if (error.type === 'entity.parse.failed') {
      return {
        problem: genericProblem(400, 'The request body is not valid JSON.', 'request.malformed_json'),
        unexpected: false,
      };
    }
    const status = error.status ?? 400;
    return { problem: genericProblem(status, error.message, 'request.bad'), unexpected: status >= 500 };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const cause = error.cause;
    if (isBodyParserError(cause)) return toProblem(cause);
    const body = error.getResponse();
    if (status === 404) {
      return {
        problem: genericProblem(404, 'No resource matches this path.', 'route.not_found'),
        unexpected: false,
      };
    }
    if (status === 429) {
      return {
        problem: genericProblem(429, 'Too many requests; try again later.', 'rate.limited'),
        unexpected: false,
      };
    }
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : error.message;
    // Nest turns body-parser's SyntaxError (bad JSON) and a bad %-encoding in the path into a bare 400.
    if (status === 400) {
      return /JSON/i.test(message)
        ? {
            problem: genericProblem(400, 'The request body is not valid JSON.', 'request.malformed_json'),
            unexpected: false,
          }
        : {
            problem: genericProblem(400, 'The request could not be parsed.', 'request.malformed'),
            unexpected: false,
          };
    }
    if (error.name === 'PayloadTooLargeException') {
      return { problem: genericProblem(413, message, 'request.too_large'), unexpected: false };
    }
    return { problem: genericProblem(status, message, `http.${status}`), unexpected: status >= 500 };
  }
  if (error instanceof UniqueConstraintViolationException) {
    return {
      problem: genericProblem(409, 'This conflicts with an existing record.', 'state.duplicate'),
      unexpected: false,
    };
  }
  if (error instanceof OrmNotFoundError) {
    return {
      problem: genericProblem(404, 'The resource was not found.', 'resource.not_found'),
      unexpected: false,
    };
  }
  // MikroORM's PostgreSQL converter turns both a deadlock (40P01) and a serialization failure (40001) into this.
  if (error instanceof DeadlockException) {
    return {
      problem: genericProblem(409, 'A concurrent change won; retry the request.', 'state.concurrent_change'),
      unexpected: false,
    };
  }
  // The database went away under the request (restart, failover, pg_terminate_backend) or cannot be reached:
  // the server's fault and temporary, not a bug; retrying later may succeed.
  if (isDatabaseUnavailable(error)) {
    return {
      problem: genericProblem(503, 'The database is unavailable; retry shortly.', 'database.unavailable'),
      unexpected: false,
    };
  }
  return {
    problem: genericProblem(500, 'An unexpected error occurred.', 'server.unexpected'),
    unexpected: true,
  };
}
