import { Type, plainToInstance } from 'class-transformer';
import { IsInt, IsString, Length, Matches, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { MAX_FIELD_ERRORS, ValidationError } from './domain-error';
import { FIELD_VALIDATION, flattenValidationErrors } from './validation-errors';

class Item {
  @IsString() title!: string;
}
class Body {
  @IsInt() count!: number;
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}

describe('flattenValidationErrors', () => {
  it('gives indexed field paths for nested arrays and names unknown fields', () => {
    const body = plainToInstance(Body, { count: 'x', items: [{ title: 'ok' }, { title: 3 }], extra: 1 });
    const errors = flattenValidationErrors(
      validateSync(body, { whitelist: true, forbidNonWhitelisted: true }),
    );
    const paths = errors.map((e) => e.path).sort();
    expect(paths).toEqual(['count', 'extra', 'items[1].title']);
    expect(errors.find((e) => e.path === 'extra')?.message).toBe('extra is not an allowed field');
  });
});

class Login {
  @IsString() @MaxLength(254) email!: string;
  @IsString() @Length(1, 10) @Matches(/\S/, { message: 'body must not be blank' }) body!: string;
}

describe('flattenValidationErrors: one telling message per field', () => {
  const messages = (value: object) =>
    flattenValidationErrors(validateSync(plainToInstance(Login, value), FIELD_VALIDATION));

  it('an absent field is required, a null one named, a wrong type before length or pattern', () => {
    expect(messages({ body: 5 })).toEqual([
      { path: 'email', message: 'email is required' },
      { path: 'body', message: 'body must be a string' },
    ]);
    expect(messages({ email: null, body: '' })).toEqual([
      { path: 'email', message: 'email must not be null' },
      { path: 'body', message: 'body must not be blank' },
    ]);
  });
});

describe('ValidationError', () => {
  it('lists at most MAX_FIELD_ERRORS field errors and counts them all', () => {
    const errors = Array.from({ length: 117_004 }, (_, i) => ({ path: `k${i}`, message: 'no' }));
    const error = new ValidationError(errors);
    expect(error.extras.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(error.extras.errors?.[0]).toEqual({ path: 'k0', message: 'no' });
    expect(error.extras.errorCount).toBe(117_004);
    expect(ValidationError.single('a', 'b').extras).toMatchObject({ errors: [{ path: 'a' }], errorCount: 1 });
  });
});
