export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Room left for a `-N` suffix when the base slug clashes. */
const BASE_MAX_LENGTH = SLUG_MAX_LENGTH - 6;

/** Lower case, accents folded to ASCII, anything else collapsed into single hyphens. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, BASE_MAX_LENGTH)
    .replace(/-+$/g, '');
  return base || 'group';
}

/**
 * Words no group may have as its slug: they read as routes, roles or the platform itself. They also make "this
 * slug is not available" mean more than "a group has it", so refusing a hidden group's slug proves less.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'calendar',
  'convene',
  'docs',
  'health',
  'me',
  'new',
  'search',
  'settings',
  'steering-committee',
  'system',
]);

/** The first of `base`, `base-2`, `base-3`, ... that is neither in `taken` nor reserved. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken, ...RESERVED_SLUGS]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
