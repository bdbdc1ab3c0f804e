import { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldError, ValidationError } from './domain-error';

function joinPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/**
 * The order in which a field's failing rules are worth reading: whether it is there, then what type it is, then
 * everything else (format, pattern, enum), and its bounds last. A field reports the first of its failing rules
 * only, so `{}` says "email is required", not that an absent email is too long, and `body: 5` says it must be a
 * string, not that it is blank.
 */
const TYPE_RULES = new Set([
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isDate',
  'isEnum',
  'nestedValidation',
]);
const BOUND_RULES = new Set([
  'min',
  'max',
  'minLength',
  'maxLength',
  'isLength',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
  'minDate',
  'maxDate',
]);
const rank = (constraint: string): number =>
  TYPE_RULES.has(constraint) ? 0 : BOUND_RULES.has(constraint) ? 2 : 1;

/** class-validator's messages say "1 characters", "1 elements": the singular where the count is one. */
const singular = (message: string): string => message.replace(/\b1 (character|element)s\b/g, '1 $1');

/** The one message of a field whose rules failed, or none when it has no own failure (only nested ones). */
function fieldMessage(error: ClassValidatorError, path: string): string | undefined {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return undefined;
  if (constraints.some(([constraint]) => constraint === 'whitelistValidation')) {
    return `${path} is not an allowed field`;
  }
  // `value` is present when the validator was asked to keep it (FIELD_VALIDATION's `value: true`).
  if ('value' in error && error.value === undefined) return `${path} is required`;
  if ('value' in error && error.value === null) return `${path} must not be null`;
  const [, message] = constraints.reduce((best, next) => (rank(next[0]) < rank(best[0]) ? next : best));
  return singular(message);
}

/**
 * Flattens class-validator's tree into `{ path, message }` pairs with dotted/indexed paths, one per field (its
 * most telling failure, see TYPE_RULES) and then its nested fields'.
 */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const message = fieldMessage(error, path);
    const own = message === undefined ? [] : [{ path, message }];
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

/**
 * What every validation of client input passes to class-validator: all of a field's rules run (the most telling
 * failure is chosen above, not the first declared), and the value is kept so that an absent field reads as
 * required. The value never leaves the server: only the messages do.
 */
export const FIELD_VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
} as const;

export function validationException(errors: ClassValidatorError[]): ValidationError {
  return new ValidationError(flattenValidationErrors(errors));
}
