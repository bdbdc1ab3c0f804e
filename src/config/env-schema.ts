import { isEmail, isIn, isInt, matches, max, maxLength, min, minLength } from 'class-validator';
import { resolve } from 'node:path';

/**
 * A hand-written, envalid-style environment schema: one entry per variable, from which both the parsed values and
 * their TypeScript type are derived, so adding a variable is one line. The checks reuse class-validator's
 * predicates and its default wording so messages (and edge cases such as how string length is counted) stay what
 * the decorator-based schema produced.
 */

/** The value, or every problem with it as a sentence naming the variable. */
export type Parsed<T> = { value: T } | { problems: string[] };
/** Turns a variable's raw text (never empty: empty counts as unset) into its value. */
export type Parser<T> = (raw: string, name: string) => Parsed<T>;

export interface EnvVar<T> {
  /** The environment variable, as documented in README and docker-compose.yml. */
  name: string;
  parse: Parser<T>;
  /** Used when the variable is unset or empty; a function is evaluated at load time. Without one, it is optional. */
  default?: T | (() => T);
  description: string;
}

/** Keyed by the config property each variable fills. */
export type EnvSchema = Record<string, EnvVar<unknown>>;

type ValueOf<V> = V extends { parse: Parser<infer T> } ? T : never;
type WithDefault<S> = { [K in keyof S]: S[K] extends { default: unknown } ? K : never }[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] };
/** Variables with a default always have a value; the others are optional properties. */
export type EnvValues<S extends EnvSchema> = Flatten<
  { [K in WithDefault<S>]: ValueOf<S[K]> } & { [K in Exclude<keyof S, WithDefault<S>>]?: ValueOf<S[K]> }
>;

/** Keeps the literal type of an entry (so `default` is seen as present or not) while checking it against EnvVar. */
export function envVar<T>(
  spec: EnvVar<T> & { default: T | (() => T) },
): EnvVar<T> & { default: T | (() => T) };
export function envVar<T>(spec: EnvVar<T>): EnvVar<T>;
export function envVar<T>(spec: EnvVar<T>): EnvVar<T> {
  return spec;
}

/**
 * Every variable of the schema read from `env`, in schema order; the problems of all of them at once otherwise.
 * Defaults are trusted, not parsed.
 */
export function readEnv<S extends EnvSchema>(schema: S, env: NodeJS.ProcessEnv): Parsed<EnvValues<S>> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(schema)) {
    const raw = env[variable.name];
    if (raw === undefined || raw === '') {
      const fallback = variable.default;
      values[key] = typeof fallback === 'function' ? (fallback as () => unknown)() : fallback;
      continue;
    }
    const parsed = variable.parse(raw, variable.name);
    if ('problems' in parsed) problems.push(...parsed.problems);
    else values[key] = parsed.value;
  }
  return problems.length > 0 ? { problems } : { value: values as EnvValues<S> };
}

type Check<T> = [holds: (value: T) => boolean, problem: string];

/** Converts, then reports every failed check (in the given order, which is the order of the old decorators). */
function checked<T>(convert: (raw: string) => T, checks: Check<T>[] = []): Parser<T> {
  return (raw, name) => {
    const value = convert(raw);
    const problems = checks.filter(([holds]) => !holds(value)).map(([, problem]) => `${name} ${problem}`);
    return problems.length > 0 ? { problems } : { value };
  };
}

/** Number(raw), so ' 12 ', '0x10' and '1e3' are accepted as before; 'abc' fails every check. */
export function integer(range: { min: number; max?: number }): Parser<number> {
  const checks: Check<number>[] = [];
  if (range.max !== undefined) {
    const upper = range.max;
    checks.push([(n) => max(n, upper), `must not be greater than ${upper}`]);
  }
  checks.push([(n) => min(n, range.min), `must not be less than ${range.min}`]);
  checks.push([(n) => isInt(n), 'must be an integer number']);
  return checked(Number, checks);
}

export function oneOf(allowed: readonly string[]): Parser<string> {
  return checked(String, [
    [(s) => isIn(s, allowed), `must be one of the following values: ${allowed.join(', ')}`],
  ]);
}

/** `tooShort` replaces the default wording of the minimum-length problem. */
export function text(
  length: { minLength?: number; maxLength?: number; tooShort?: string } = {},
): Parser<string> {
  const checks: Check<string>[] = [];
  const { minLength: atLeast, maxLength: atMost } = length;
  if (atMost !== undefined)
    checks.push([(s) => maxLength(s, atMost), `must be shorter than or equal to ${atMost} characters`]);
  if (atLeast !== undefined)
    checks.push([
      (s) => minLength(s, atLeast),
      length.tooShort ?? `must be longer than or equal to ${atLeast} characters`,
    ]);
  return checked(String, checks);
}

export function matching(pattern: RegExp, problem: string): Parser<string> {
  return checked(String, [[(s) => matches(s, pattern), problem]]);
}

/** Stored lower-case: emails compare case-insensitively everywhere else. */
export const email: Parser<string> = (raw, name) => {
  const parsed = checked(String, [[(s) => isEmail(s), 'must be an email']])(raw, name);
  return 'value' in parsed ? { value: parsed.value.toLowerCase() } : parsed;
};

/** '1', 'true', 'yes', 'on' (any case) are true; anything else is false, never an error. */
export const flag: Parser<boolean> = checked((raw) => ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase()));

/** Comma-separated, trimmed, empty items dropped. */
export const list: Parser<string[]> = checked((raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Resolved against the working directory at load time. */
export const path: Parser<string> = checked((raw) => resolve(raw));
