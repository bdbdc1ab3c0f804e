import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ValidationError } from '../errors/domain-error';
import { FIELD_VALIDATION, validationException } from '../errors/validation-errors';
import { assertBoundedShape } from './body-shape';
import { findUnstorableText } from './text';

const CHECKED_SOURCES = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * The one validation pipe for HTTP: unknown fields are refused (not silently dropped), and a body that is not a
 * JSON object (an array, a bare string) is refused before field rules run. Bodies and queries are held to
 * BODY_LIMITS here too: JSON bodies were scanned before parsing (verifyJsonShape), but urlencoded ones and
 * queries were not. Each field reports one failing rule, the most telling (flattenValidationErrors). Every string of a body,
 * query or path parameter, whatever its DTO, must be storable text (no NUL, no unpaired surrogate): one rule for
 * all routes.
 */
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...FIELD_VALIDATION,
      transform: true,
      exceptionFactory: validationException,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertBoundedShape(value);
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
    if (CHECKED_SOURCES.has(metadata.type)) {
      // A path parameter is named by the route (`slug`); body and query fields by their own keys.
      const errors = findUnstorableText(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (errors.length > 0) throw new ValidationError(errors);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}
