import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { withoutSecretQuery } from '../logging';
import { allowedMethods } from './allowed-methods';
import { MethodNotAllowedError } from './domain-error';
import { loggableError } from './loggable-error';
import { toProblem } from './to-problem';

/** Every HTTP error leaves as RFC 9457 problem+json with the request id; stacks go to the log only. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(ProblemDetailsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const refused = methodNotAllowed(exception, request) ?? exception;
    const { problem, retryAfterSeconds, unexpected } = toProblem(refused);
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    if (unexpected) {
      // Not `err: exception`: pino would serialise every field, including a driver error's SQL with its values.
      this.logger.error({ error: loggableError(exception), requestId }, 'unexpected error');
    } else if (problem.status >= 500) {
      this.logger.warn({ requestId, problem }, 'request failed');
    }
    if ((request as { log?: unknown }).log === undefined) {
      // Refused before pino-http ran (a body parser, the media type check): this is the request's one log line.
      response.once('finish', () =>
        this.logger.info(
          {
            requestId,
            req: { id: requestId, method: request.method, url: withoutSecretQuery(request.originalUrl) },
            res: { statusCode: response.statusCode },
          },
          'request refused',
        ),
      );
    }
    if (response.headersSent) return;
    if (retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    if (refused instanceof MethodNotAllowedError) response.setHeader('Allow', refused.allow.join(', '));
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify({ ...problem, instance: request.originalUrl, requestId }));
  }
}

/**
 * Nest's not-found handler (no route for this method and path) throws `Cannot <METHOD> <url>`: when another
 * method's route matches the path, the answer is 405 with the methods it takes, not 404.
 */
function methodNotAllowed(exception: unknown, request: Request): MethodNotAllowedError | undefined {
  if (!(exception instanceof NotFoundException) || !/^Cannot [A-Z]+ /.test(exception.message))
    return undefined;
  const allow = allowedMethods(request.app, request.path);
  if (allow.length === 0 || allow.includes(request.method)) return undefined;
  return new MethodNotAllowedError(request.method, allow);
}
