import { BODY_LIMITS, FORBIDDEN_KEYS, pathJoin, ShapeViolation } from './body-shape';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The longest key that can spell a forbidden name, every character written as a \uXXXX escape. */
const MAX_FORBIDDEN_KEY_BYTES = 6 * Math.max(...[...FORBIDDEN_KEYS].map((k) => k.length));

interface Frame {
  array: boolean;
  /** Entries seen so far (keys of an object, items of an array). */
  count: number;
  /** After `{`, `[` or `,`: the next token starts a new entry. */
  fresh: boolean;
  /** Byte range of the current key, between its quotes. */
  keyStart: number;
  keyEnd: number;
}

/** Index of the quote that closes the string opened at `open`, or -1 when the text ends first. */
function closingQuote(buf: Buffer, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = buf.indexOf(QUOTE, from);
    if (quote < 0) return -1;
    let slashes = 0;
    // Runs of backslashes between two quotes are disjoint, so these walks add up to one pass over the text.
    for (let b = quote - 1; b > open && buf[b] === BACKSLASH; b--) slashes++;
    if (slashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function decodeKey(buf: Buffer, start: number, end: number): string {
  const raw = buf.toString('utf8', start, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // malformed escape: JSON.parse of the whole body refuses it next
  }
}

/** Path of the entry frames[depth - 1] is at, i.e. of the value frames[depth] describes. */
function pathOf(buf: Buffer, frames: Frame[], depth: number): string {
  let path = '';
  for (let i = 0; i < depth; i++) {
    const f = frames[i];
    path = pathJoin(path, f.array ? f.count - 1 : decodeKey(buf, f.keyStart, f.keyEnd));
  }
  return path;
}

/**
 * Finds the first shape violation (BODY_LIMITS, FORBIDDEN_KEYS) in raw JSON text without parsing it: one pass
 * that follows only brackets, commas and string boundaries and stops at the first violation, so that the
 * 117,000-key object is refused after its 65th key instead of being parsed and validated whole. Works on UTF-8
 * bytes directly (every structural character is ASCII, and no byte of a multi-byte sequence is).
 *
 * Returns null when the text is within bounds, and also when it turns out not to be JSON: JSON.parse, which
 * runs next, gives that its own 400.
 */
export function scanJsonShape(buf: Buffer): ShapeViolation | null {
  const frames: Frame[] = [];
  let values = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (isSpace(c)) continue;
    const top = frames.length > 0 ? frames[frames.length - 1] : undefined;
    if (top?.fresh && c !== CLOSE_OBJECT && c !== CLOSE_ARRAY) {
      top.fresh = false;
      if (top.array) {
        if (top.count >= BODY_LIMITS.maxArrayItems)
          return { limit: 'items', path: pathOf(buf, frames, frames.length - 1) };
        top.count++;
        if (++values > BODY_LIMITS.maxValues)
          return { limit: 'values', path: pathOf(buf, frames, frames.length) };
        // The item itself (a string, an object…) is read below.
      } else {
        if (c !== QUOTE) return null;
        const end = closingQuote(buf, i);
        if (end < 0) return null;
        if (top.count >= BODY_LIMITS.maxKeysPerObject)
          return { limit: 'keys', path: pathOf(buf, frames, frames.length - 1) };
        top.count++;
        top.keyStart = i + 1;
        top.keyEnd = end;
        if (end - i - 1 <= MAX_FORBIDDEN_KEY_BYTES && FORBIDDEN_KEYS.has(decodeKey(buf, i + 1, end)))
          return { limit: 'forbidden_key', path: pathOf(buf, frames, frames.length) };
        if (++values > BODY_LIMITS.maxValues)
          return { limit: 'values', path: pathOf(buf, frames, frames.length) };
        i = end;
        continue;
      }
    }
    switch (c) {
      case QUOTE: {
        const end = closingQuote(buf, i);
        if (end < 0) return null;
        i = end;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (frames.length + 1 > BODY_LIMITS.maxDepth)
          return { limit: 'depth', path: pathOf(buf, frames, frames.length) };
        frames.push({ array: c === OPEN_ARRAY, count: 0, fresh: true, keyStart: 0, keyEnd: 0 });
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        frames.pop();
        break;
      case COMMA:
        if (top) top.fresh = true;
        break;
      default:
        break; // numbers, literals and colons need no bookkeeping
    }
  }
  return null;
}
