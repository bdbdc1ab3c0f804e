import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationError } from '../common/errors/domain-error';
import { FIELD_VALIDATION, flattenValidationErrors } from '../common/errors/validation-errors';
import { assertBoundedShape } from '../common/validation/body-shape';
import { findUnstorableText } from '../common/validation/text';

/**
 * Socket payloads get the same rules as HTTP bodies (BodyValidationPipe): an object is required, its shape is
 * bounded and reserved keys are refused (BODY_LIMITS) before class-validator runs, every string must be storable
 * text, unknown fields are refused, field errors carry paths.
 */
export async function validatePayload<T extends object>(
  dto: ClassConstructor<T>,
  payload: unknown,
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw ValidationError.single('', 'the payload must be an object');
  }
  assertBoundedShape(payload);
  const unstorable = findUnstorableText(payload);
  if (unstorable.length > 0) throw new ValidationError(unstorable);
  const instance = plainToInstance(dto, payload);
  const errors = await validate(instance, FIELD_VALIDATION);
  if (errors.length > 0) throw new ValidationError(flattenValidationErrors(errors));
  return instance;
}
