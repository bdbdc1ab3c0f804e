import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** An ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): a bare local time would be ambiguous. */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export const IsIsoInstant =
  (options?: ValidationOptions): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be an ISO 8601 instant such as 2026-05-01T14:00:00Z', ...options },
      validator: { validate: (value: unknown) => isIsoInstant(value) },
    });

/** Optional, but when present not null (for fields that cannot be cleared). */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, value) => value !== undefined);

/** Optional and nullable: `null` clears the field; absent leaves it unchanged. */
export const OptionalNullable = (): PropertyDecorator =>
  ValidateIf((_o, value) => value !== undefined && value !== null);

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
