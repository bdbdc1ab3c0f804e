import { DomainError } from '../errors/domain-error';
import type { ErrorCodeWithStatus } from '../errors/error-codes';

/**
 * How large a request body or socket payload may be in shape, checked before any parsing result reaches
 * class-transformer/class-validator, whose work (and error list) grows with every key. Named constants rather
 * than configuration: no legitimate client comes near them, so there is nothing for an operator to tune.
 *
 * The largest legitimate bodies (src/meetings/dto): minutes with 200 decisions and 200 action items of 3 fields
 * are ~1,000 values at depth 3 (body → actionItems → item); an agenda reorder is 500 ids at depth 2; no DTO has
 * more than ~15 fields.
 */
export const BODY_LIMITS = {
  /** Objects and arrays nested in each other, the body itself being level 1. */
  maxDepth: 8,
  /** Keys of one object: unknown keys each cost a whitelist error, so this bounds those too. */
  maxKeysPerObject: 64,
  /** Items of one array (the largest DTO array allows 500). */
  maxArrayItems: 1_000,
  /** Keys and array items of the whole body together. */
  maxValues: 5_000,
} as const;

/** Keys that would reach an object's prototype through class-transformer or a careless merge. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

export type ShapeLimit = 'depth' | 'keys' | 'items' | 'values' | 'forbidden_key';

export interface ShapeViolation {
  limit: ShapeLimit;
  /** Field path in the notation of validation errors: `actionItems[3].title`; '' for the body itself. */
  path: string;
}

const REFUSALS: Record<ShapeLimit, { code: ErrorCodeWithStatus<422>; detail: string; max?: number }> = {
  depth: {
    code: 'request.too_deep',
    detail: `The request nests objects and arrays deeper than ${BODY_LIMITS.maxDepth} levels.`,
    max: BODY_LIMITS.maxDepth,
  },
  keys: {
    code: 'request.too_many_keys',
    detail: `An object in the request has more than ${BODY_LIMITS.maxKeysPerObject} keys.`,
    max: BODY_LIMITS.maxKeysPerObject,
  },
  items: {
    code: 'request.too_many_items',
    detail: `An array in the request has more than ${BODY_LIMITS.maxArrayItems} items.`,
    max: BODY_LIMITS.maxArrayItems,
  },
  values: {
    code: 'request.too_many_values',
    detail: `The request has more than ${BODY_LIMITS.maxValues} keys and array items in all.`,
    max: BODY_LIMITS.maxValues,
  },
  forbidden_key: {
    code: 'request.forbidden_key',
    detail: `The request uses a reserved key (${[...FORBIDDEN_KEYS].join(', ')}).`,
  },
};

/** 422 problem for a body refused for its shape: one field error at the offending path, with a stable code. */
export class BodyShapeError extends DomainError {
  constructor(readonly violation: ShapeViolation) {
    const refusal = REFUSALS[violation.limit];
    super(422, 'Unprocessable Content', refusal.detail, {
      code: refusal.code,
      ...(refusal.max !== undefined ? { params: { max: refusal.max } } : {}),
      errors: [{ path: violation.path, message: refusal.detail }],
      errorCount: 1,
    });
  }
}

/** Caps what a path echoes back: a key may be as long as the body limit allows. */
const MAX_SEGMENT = 100;
const clip = (key: string): string => (key.length > MAX_SEGMENT ? `${key.slice(0, MAX_SEGMENT)}…` : key);

/** Appends a key or an index the way flattenValidationErrors writes paths. */
export function pathJoin(parent: string, segment: string | number): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`;
  return parent === '' ? clip(segment) : `${parent}.${clip(segment)}`;
}

/**
 * Only what JSON.parse, querystring and socket.io's decoder build is walked: a Buffer or a Date (an upload, a
 * binary attachment) is a leaf, not an object with a key per byte.
 */
function isPlainContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

interface Frame {
  value: object;
  /** Own keys of an object; null for an array. */
  keys: string[] | null;
  size: number;
  next: number;
  path: string;
}

/**
 * The shape check for values that are already parsed (socket.io payloads, urlencoded bodies, and any JSON body
 * the raw pre-scan could not read). Same limits and, visiting in document order, the same first violation as
 * scanJsonShape on the JSON text of the value. Iterative, so that a deep value cannot exhaust the stack.
 */
export function findShapeViolation(root: unknown): ShapeViolation | null {
  if (!isPlainContainer(root)) return null;
  const frames: Frame[] = [];
  const enter = (value: object, path: string): void => {
    const keys = Array.isArray(value) ? null : Object.keys(value);
    frames.push({ value, keys, size: keys ? keys.length : (value as unknown[]).length, next: 0, path });
  };
  enter(root, '');
  let values = 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next >= frame.size) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const key = frame.keys ? frame.keys[index] : index;
    const path = pathJoin(frame.path, key);
    if (frame.keys && index >= BODY_LIMITS.maxKeysPerObject) return { limit: 'keys', path: frame.path };
    if (!frame.keys && index >= BODY_LIMITS.maxArrayItems) return { limit: 'items', path: frame.path };
    if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) return { limit: 'forbidden_key', path };
    if (++values > BODY_LIMITS.maxValues) return { limit: 'values', path };
    const child = (frame.value as Record<string | number, unknown>)[key];
    if (isPlainContainer(child)) {
      if (frames.length + 1 > BODY_LIMITS.maxDepth) return { limit: 'depth', path };
      enter(child, path);
    }
  }
  return null;
}

/** Throws the 422 for the first shape violation of an already parsed value. */
export function assertBoundedShape(value: unknown): void {
  const violation = findShapeViolation(value);
  if (violation) throw new BodyShapeError(violation);
}
