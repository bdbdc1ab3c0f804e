import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

/**
 * For routes whose body is optional (`POST .../members` with no body means "I join"; `POST /me/calendar-token`
 * with no body issues a token without a label). Express leaves `req.body` undefined then, which the global
 * validation pipe refuses; interceptors run before pipes, so treat a missing body as `{}` here.
 */
@Injectable()
export class EmptyBodyAsObjectInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.body === undefined || request.body === null || request.body === '') request.body = {};
    return next.handle();
  }
}
