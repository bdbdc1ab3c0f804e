import { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldError, ValidationError } from './domain-error';

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** Flattens class-validator's tree into `{ path, message }` pairs with dotted/indexed paths. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      path,
      message: constraint === 'whitelistValidation' ? `${path} is not an allowed field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

export function validationException(errors: ClassValidatorError[]): ValidationError {
  return new ValidationError(flattenValidationErrors(errors));
}
