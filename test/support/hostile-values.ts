import type { Target } from './openapi-fuzz';

/**
 * Values an attacker sends into fields: each must be refused with a 4xx or accepted, never answered with a 5xx.
 * `refuse` names the fields that must never accept it (a 2xx would mean bad data was stored or silently changed):
 * `any` for every field, `date` for date and instant fields, `number` for integer fields.
 */
export interface HostileValue {
  label: string;
  value: unknown;
  refuse?: 'any' | 'date' | 'number';
  /**
   * Must be refused in JSON bodies and socket payloads only: a URL cannot carry a lone surrogate (its bytes are
   * invalid UTF-8, which the server decodes to U+FFFD), so there it need only not be a 5xx.
   */
  refusedInBodyOnly?: boolean;
  /** Sent to every field (not only in rotation): `null` through `IsOptional` is a classic 500 on NOT NULL columns. */
  always?: boolean;
}

export const HOSTILE_VALUES: HostileValue[] = [
  { label: 'NUL', value: 'a\u0000b', refuse: 'any' },
  { label: 'lone high surrogate', value: 'x\uD800y', refuse: 'any', refusedInBodyOnly: true },
  { label: 'lone low surrogate', value: '\uDC00', refuse: 'any', refusedInBodyOnly: true },
  { label: 'impossible date', value: '2027-02-30', refuse: 'date' },
  { label: 'impossible instant', value: '2027-02-30T10:00:00Z', refuse: 'date' },
  { label: 'hour 24', value: '2027-03-01T24:00:00Z', refuse: 'date' },
  { label: 'year 0000 instant', value: '0000-01-01T00:00:00Z', refuse: 'date' },
  { label: 'year 0000 date', value: '0000-01-01', refuse: 'date' },
  { label: 'offset +99:99', value: '2027-03-01T10:00:00+99:99', refuse: 'date' },
  { label: '2^31', value: 2 ** 31, refuse: 'number' },
  { label: '-2^31-1', value: -(2 ** 31) - 1, refuse: 'number' },
  { label: '2^53+1', value: 2 ** 53 + 1, refuse: 'number' },
  { label: '1e308', value: 1e308, refuse: 'number' },
  { label: 'fraction', value: 1.5, refuse: 'number' },
  { label: 'zero', value: 0 },
  { label: 'minus one', value: -1 },
  { label: '"NaN"', value: 'NaN', refuse: 'number' },
  { label: '"Infinity"', value: 'Infinity', refuse: 'number' },
  { label: '"1e308"', value: '1e308', refuse: 'number' },
  { label: '"2147483648"', value: '2147483648', refuse: 'number' },
  { label: '300 chars', value: 'x'.repeat(300) },
  { label: '10,001 chars', value: 'y'.repeat(10_001) },
  { label: 'RTL override', value: '\u202Eevil\u202C.txt' },
  { label: 'script tag', value: '<script>alert(1)</script>' },
  { label: 'empty string', value: '' },
  { label: 'whitespace', value: ' \t ' },
  { label: 'CR LF', value: 'a\r\nb' },
  { label: 'control chars', value: '\u0007\u001b[31m' },
  { label: 'LIKE wildcards', value: '%_\\' },
  { label: 'trailing backslash', value: 'a\\' },
  { label: 'SQL quote', value: "' or 1=1 --" },
  { label: 'combining marks', value: 'e\u0301\u0301\u0301' },
  { label: 'emoji', value: '👍🏽' },
  { label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000' },
  { label: 'null', value: null, always: true },
  { label: 'true', value: true },
  { label: 'array of strings', value: ['a', 'b'] },
  { label: 'empty array', value: [] },
  { label: 'object', value: { a: 1 } },
  { label: 'operator object', value: { $gt: '' } },
  { label: 'empty object', value: {} },
  { label: 'far future', value: '9999-12-31T23:59:59Z' },
  // Refused at the body parser before class-transformer could overflow its stack (body-bounds e2e test too).
  { label: '2,000-deep nesting', value: nested(2000) },
];

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

export function mustRefuse(hostile: HostileValue, target: Pick<Target, 'in' | 'kind'>): boolean {
  if (hostile.refuse === 'any') return target.in === 'body' || !hostile.refusedInBodyOnly;
  if (hostile.refuse === 'date') return target.kind === 'date';
  if (hostile.refuse === 'number') return target.kind === 'number';
  return false;
}

/**
 * What one field receives: every value it must refuse, `always` ones, and `width` of the others, rotated by `turn` so that the
 * whole table is spread over the fields (all values into all fields would take minutes for little more).
 */
export function valuesFor(target: Pick<Target, 'in' | 'kind'>, turn: number, width = 6): HostileValue[] {
  const refused = HOSTILE_VALUES.filter((h) => mustRefuse(h, target) || h.always);
  const others = HOSTILE_VALUES.filter((h) => !refused.includes(h));
  const rotated = Array.from(
    { length: Math.min(width, others.length) },
    (_, k) => others[(turn * width + k) % others.length],
  );
  return [...refused, ...rotated];
}

/**
 * Percent-encodes text for a URL. Lone surrogates are written as the bytes WTF-8 gives them (`encodeURIComponent`
 * throws on them): the server then sees invalid UTF-8, which is what an attacker can actually send.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** `name=value` for a query string; arrays repeat the key, objects use bracket keys (`a[b]=c`). */
export function queryPair(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? `${name}[]=` : value.map((v) => queryPair(name, v)).join('&');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${name}[]=`;
    return entries.map(([k, v]) => `${name}[${percentEncode(k)}]=${percentEncode(String(v))}`).join('&');
  }
  return `${name}=${percentEncode(String(value))}`;
}
