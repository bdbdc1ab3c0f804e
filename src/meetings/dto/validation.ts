import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Optional and nullable: `null` clears the field; absent leaves it unchanged. */
export const OptionalNullable = (): PropertyDecorator =>
  ValidateIf((_o, value) => value !== undefined && value !== null);

export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
