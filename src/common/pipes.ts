import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from './errors/domain-error';

/** A malformed id cannot name anything the caller may see: answer 404, as for an unknown id. */
export const uuidOr404 = (resource: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError(resource) });
