import { BODY_LIMITS, BodyShapeError, findShapeViolation, ShapeViolation } from './body-shape';
import { verifyJsonShape } from './body-guard';
import { scanJsonShape } from './json-shape-scan';

const scan = (json: string): ShapeViolation | null => scanJsonShape(Buffer.from(json, 'utf8'));
const keys = (n: number): string => `{${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`;
const items = (n: number, item = '0'): string => `[${Array.from({ length: n }, () => item).join(',')}]`;
const nest = (depth: number): string => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

/** Each case: raw JSON, and the first violation both the raw scan and the parsed-value walk must report. */
const CASES: [string, string, ShapeViolation | null][] = [
  ['an ordinary body', '{"email":"a@example.org","password":"p"}', null],
  ['64 keys', keys(64), null],
  ['65 keys', keys(65), { limit: 'keys', path: '' }],
  ['65 keys in a nested object', `{"a":[0,${keys(65)}]}`, { limit: 'keys', path: 'a[1]' }],
  ['1,000 items', `{"ids":${items(1_000)}}`, null],
  ['1,001 items', `{"ids":${items(1_001)}}`, { limit: 'items', path: 'ids' }],
  ['a bare array of 1,001 items', items(1_001), { limit: 'items', path: '' }],
  ['depth 8', nest(8), null],
  ['depth 9', nest(9), { limit: 'depth', path: 'a.a.a.a.a.a.a.a' }],
  [
    'depth 9 through arrays',
    `{"x":${'['.repeat(8)}${']'.repeat(8)}}`,
    { limit: 'depth', path: 'x[0][0][0][0][0][0][0]' },
  ],
  ['5,001 values', `{"a":${items(1_000, '[0,0,0,0]')}}`, { limit: 'values', path: 'a[999][3]' }],
  ['__proto__', '{"a":1,"__proto__":{"x":1}}', { limit: 'forbidden_key', path: '__proto__' }],
  [
    'constructor deep down',
    '{"a":[{"b":{"constructor":1}}]}',
    { limit: 'forbidden_key', path: 'a[0].b.constructor' },
  ],
  [
    '__proto__ spelled with escapes',
    '{"\\u005f\\u005fproto\\u005f\\u005f":1}',
    { limit: 'forbidden_key', path: '__proto__' },
  ],
  ['reserved names as values, not keys', '{"a":"__proto__","b":["constructor"]}', null],
  [
    'brackets, commas and escaped quotes inside strings',
    `{"a":"${'{[,'.repeat(400)}\\"\\\\","b":"\\\\"}`,
    null,
  ],
  ['multi-byte keys and values', '{"ação":"日本語","ключ":["🙂"]}', null],
  ['a path through an escaped key', `{"a\\"b":${keys(65)}}`, { limit: 'keys', path: 'a"b' }],
];

describe('scanJsonShape and findShapeViolation', () => {
  it.each(CASES)('%s', (_name, json, expected) => {
    expect(scan(json)).toEqual(expected);
    expect(findShapeViolation(JSON.parse(json))).toEqual(expected);
  });

  it('refuses the attack bodies at the first key or item past the limit', () => {
    const attack = `{${Array.from({ length: 117_000 }, (_, i) => `"${i.toString(36)}":0`).join(',')}}`;
    expect(scan(attack)).toEqual({ limit: 'keys', path: '' });
    expect(scan('['.repeat(2_000) + ']'.repeat(2_000))).toEqual({
      limit: 'depth',
      path: '[0][0][0][0][0][0][0][0]',
    });
    expect(scan(`{"a":${items(100_000)}}`)).toEqual({ limit: 'items', path: 'a' });
  });

  it('lets the largest legitimate bodies through (minutes at every maximum, a 500-item reorder)', () => {
    const minutes = {
      body: 'm'.repeat(100_000),
      decisions: Array.from({ length: 200 }, () => 'd'.repeat(2_000)),
      actionItems: Array.from({ length: 200 }, () => ({
        title: 't',
        assigneeId: 'u',
        dueDate: '2031-06-30',
      })),
    };
    const reorder = { itemIds: Array.from({ length: 500 }, (_, i) => `id-${i}`) };
    for (const body of [minutes, reorder]) {
      expect(scan(JSON.stringify(body))).toBeNull();
      expect(findShapeViolation(body)).toBeNull();
    }
  });

  it.each(['', '{', '{"a":', '{"a', '{1:2}', ']]]', '"\\'])(
    'leaves malformed JSON %p to JSON.parse',
    (json) => {
      expect(scan(json)).toBeNull();
    },
  );

  it('treats buffers and dates as leaves, not as objects with a key per byte', () => {
    expect(findShapeViolation(Buffer.alloc(100_000))).toBeNull();
    expect(findShapeViolation({ file: Buffer.alloc(100_000), at: new Date() })).toBeNull();
  });

  it('clips long keys in paths', () => {
    const key = 'k'.repeat(500);
    expect(scan(`{"${key}":${keys(65)}}`)?.path).toBe(`${'k'.repeat(100)}…`);
  });

  it('limits the limits to values no DTO comes near', () => {
    expect(BODY_LIMITS).toEqual({
      maxDepth: 8,
      maxKeysPerObject: 64,
      maxArrayItems: 1_000,
      maxValues: 5_000,
    });
  });
});

describe('verifyJsonShape', () => {
  const verify = (json: string, encoding = 'utf-8', enc: BufferEncoding = 'utf8'): unknown => {
    try {
      verifyJsonShape({} as never, {}, Buffer.from(json, enc), encoding);
      return null;
    } catch (error) {
      return error;
    }
  };

  it('throws a 422 with a stable code, the path and the limit', () => {
    const error = verify(keys(65));
    expect(error).toBeInstanceOf(BodyShapeError);
    expect(error).toMatchObject({
      status: 422,
      extras: { code: 'request.too_many_keys', params: { max: 64 }, errors: [{ path: '' }], errorCount: 1 },
    });
    expect(verify('{"__proto__":1}')).toMatchObject({ extras: { code: 'request.forbidden_key' } });
  });

  it('decodes UTF-16 bodies before scanning them', () => {
    expect(verify(keys(65), 'utf-16le', 'utf16le')).toBeInstanceOf(BodyShapeError);
    expect(verify('{"a":1}', 'utf-16le', 'utf16le')).toBeNull();
  });
});
