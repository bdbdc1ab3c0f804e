import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationError } from '../errors/domain-error';
import { validationException } from '../errors/validation-errors';

/**
 * The one validation pipe for HTTP: unknown fields are refused (not silently dropped), and a body that is not a
 * JSON object (an array, a bare string) is refused before field rules run.
 */
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationException,
      validationError: { target: false, value: false },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      typeof metadata.metatype === 'function' &&
      metadata.metatype !== Object
    ) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw ValidationError.single('', 'the request body must be a JSON object');
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}
