import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

/** The largest PostgreSQL `integer` (int4): a larger value would fail in the database (a 500) instead of a 422. */
export const PG_INTEGER_MAX = 2_147_483_647;

const zoneCache = new Map<string, boolean>();

/** True for IANA zone names the runtime knows (e.g. `America/Mexico_City`), false for `Mars/Olympus`. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    valid = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) || value === 'UTC';
  } catch {
    valid = false;
  }
  zoneCache.set(value, valid);
  return valid;
}

export function isBcp47Locale(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** A class-validator decorator from a predicate, for rules shared by every context's DTOs. */
export function simpleValidator(name: string, test: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message, ...options },
        validator: { validate: (value: unknown) => test(value) },
      });
}

export const IsIanaTimeZone = simpleValidator(
  'isIanaTimeZone',
  isIanaTimeZone,
  '$property must be an IANA time zone such as Europe/Paris',
);
export const IsBcp47Locale = simpleValidator(
  'isBcp47Locale',
  isBcp47Locale,
  '$property must be a BCP 47 language tag such as es or pt-BR',
);

/**
 * Optional, but when present not null: for fields that cannot be cleared (class-validator's `IsOptional` lets
 * `null` through, which a NOT NULL column then refuses with a 500).
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, value) => value !== undefined);

/** One rule, one message for a bounded integer (`?limit=abc`, `0`, `2.5` and `500` all read the same). */
export const IsIntBetween = (min: number, max: number, options?: ValidationOptions): PropertyDecorator =>
  simpleValidator(
    'isIntBetween',
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
    `$property must be an integer between ${min} and ${max}`,
  )(options);
