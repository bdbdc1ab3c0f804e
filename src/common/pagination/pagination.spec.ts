import { ValidationError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, keysetAfter, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = encodeCursor({ key: '2026-01-01T00:00:00.000Z', id: 'abc' });
    expect(decodeCursor(cursor)).toEqual({ key: '2026-01-01T00:00:00.000Z', id: 'abc' });
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
    expect(decodeCursor(full.nextCursor!)).toEqual({ key: 2, id: 'id2' });
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
