import { Type, plainToInstance } from 'class-transformer';
import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

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
