import { firstFreeSlug, RESERVED_SLUGS, SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases, folds accents and joins words with single hyphens', () => {
    expect(slugify('Fiscal Openness')).toBe('fiscal-openness');
    expect(slugify('  Apertura Fiscal — Región Andina!! ')).toBe('apertura-fiscal-region-andina');
    expect(slugify('Açúcar & Café')).toBe('acucar-cafe');
  });

  it('falls back to a fixed word when nothing ASCII is left', () => {
    expect(slugify('開放データ')).toBe('group');
  });

  it('leaves room for a suffix and always matches the slug pattern', () => {
    const slug = slugify('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH - 6);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});

describe('firstFreeSlug', () => {
  it('adds -2, -3 on clashes', () => {
    expect(firstFreeSlug('open-data', [])).toBe('open-data');
    expect(firstFreeSlug('open-data', ['open-data'])).toBe('open-data-2');
    expect(firstFreeSlug('open-data', ['open-data', 'open-data-2'])).toBe('open-data-3');
  });

  it('never hands out a reserved slug', () => {
    expect(firstFreeSlug('admin', [])).toBe('admin-2');
    for (const slug of RESERVED_SLUGS) expect(slug).toMatch(SLUG_PATTERN);
  });
});
