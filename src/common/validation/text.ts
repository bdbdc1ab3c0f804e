import { FieldError } from '../errors/domain-error';

/**
 * NUL cannot be stored in PostgreSQL text (the write fails: a 500), and a UTF-16 surrogate outside a pair is not
 * text at all (the driver would silently store U+FFFD instead). In `u` mode a well-formed pair is one code point,
 * so `\p{Cs}` matches only unpaired surrogates.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && !LONE_SURROGATE.test(text);

function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Every string (values and keys) at any depth of a request's body, query, path parameter or socket payload that
 * cannot be stored, with the path of each (`actionItems[0].title`, as validation errors name fields). Iterative,
 * so a deeply nested value cannot exhaust the stack here; stops after `limit` findings.
 */
export function findUnstorableText(value: unknown, root = '', limit = 20): FieldError[] {
  const found: FieldError[] = [];
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length > 0 && found.length < limit) {
    const [current, path] = pending.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isStorableText(current))
        found.push({ path, message: `${path || 'value'} ${UNSTORABLE_TEXT_MESSAGE}` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], joinPath(path, i)]);
    } else if (typeof current === 'object' && current !== null) {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (!isStorableText(key)) {
          found.push({
            path: path || '',
            message: `a field name in ${path || 'the request'} ${UNSTORABLE_TEXT_MESSAGE}`,
          });
          if (found.length >= limit) break;
          continue;
        }
        pending.push([(current as Record<string, unknown>)[key], joinPath(path, key)]);
      }
    }
  }
  return found;
}
