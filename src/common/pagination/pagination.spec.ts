import { ValidationError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, keysetAfter, toPage } from './pagination';

describe('cursor pagination', () => {
  const ID = '6f1c2a7e-0000-4000-8000-000000000001';

  it('round-trips a cursor', () => {
    const cursor = encodeCursor({ key: '2026-01-01T00:00:00.000Z', id: ID });
    expect(decodeCursor(cursor, 'date')).toEqual({ key: '2026-01-01T00:00:00.000Z', id: ID });
    expect(decodeCursor(encodeCursor({ key: 42, id: '1234' }), 'integer', 'integer')).toEqual({
      key: 42,
      id: '1234',
    });
  });

  it('refuses a well-formed cursor whose key or id does not fit the column (never reaches SQL)', () => {
    expect(() => decodeCursor(encodeCursor({ key: 'not a date', id: ID }), 'date')).toThrow(ValidationError);
    expect(() => decodeCursor(encodeCursor({ key: 'Bob', id: "x' or 1=1" }), 'string')).toThrow(
      ValidationError,
    );
    expect(() => decodeCursor(encodeCursor({ key: '7', id: '1' }), 'integer', 'integer')).toThrow(
      ValidationError,
    );
    expect(() => decodeCursor(encodeCursor({ key: 1e300, id: '1' }), 'integer', 'integer')).toThrow(
      ValidationError,
    );
    expect(() => decodeCursor(encodeCursor({ key: 7, id: ID }), 'integer', 'integer')).toThrow(
      ValidationError,
    );
  });

  it('refuses a forged or garbled cursor as a validation error on `cursor`', () => {
    for (const bad of ['not-base64-json', Buffer.from('{"a":1}').toString('base64url'), '']) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });

  it('returns nextCursor only when there is a further row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, n }));
    const full = toPage(
      rows,
      2,
      (r) => ({ key: r.n, id: r.id }),
      (r) => r.n,
    );
    expect(full.items).toEqual([1, 2]);
    expect(JSON.parse(Buffer.from(full.nextCursor!, 'base64url').toString())).toEqual([2, 'id2']);
    const last = toPage(
      rows.slice(0, 2),
      2,
      (r) => ({ key: r.n, id: r.id }),
      (r) => r.n,
    );
    expect(last.nextCursor).toBeNull();
  });

  it('builds a keyset condition that breaks ties by id', () => {
    expect(keysetAfter('name', { key: 'b', id: 'x' }, 'desc')).toEqual({
      $or: [{ name: { $lt: 'b' } }, { name: 'b', id: { $lt: 'x' } }],
    });
    expect(keysetAfter('name', undefined)).toEqual({});
  });
});
