import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationError } from '../errors/domain-error';
import { isIsoInstant } from '../validation/dates';
import { IsIntBetween } from '../validation/validators';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsIntBetween(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (`nextCursor`).' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The position after which the next page starts: the sort key value and the id that breaks ties. */
export interface CursorPosition {
  key: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

/** What the sort key of a cursor must be; checked before it reaches SQL, so a forged cursor is a 422, never a 500. */
export type CursorKeyKind = 'string' | 'date' | 'integer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keyMatches(key: unknown, kind: CursorKeyKind): key is CursorPosition['key'] {
  switch (kind) {
    case 'string':
      return typeof key === 'string' && key.length <= 1000;
    case 'date':
      return isIsoInstant(key);
    case 'integer':
      return typeof key === 'number' && Number.isSafeInteger(key);
  }
}

/**
 * Reads a cursor made by `encodeCursor`. `keyKind` is the type of the column sorted on; `idKind` that of the id
 * breaking ties (UUIDs everywhere except the bigint audit events).
 */
export function decodeCursor(
  cursor: string,
  keyKind: CursorKeyKind = 'string',
  idKind: 'uuid' | 'integer' = 'uuid',
): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [key, id] = parsed as [unknown, unknown];
      const idOk = typeof id === 'string' && (idKind === 'uuid' ? UUID.test(id) : /^\d{1,18}$/.test(id));
      if (idOk && keyMatches(key, keyKind)) return { key, id };
    }
  } catch {
    // fall through to the validation error below
  }
  throw ValidationError.single('cursor', 'cursor is not a valid page cursor');
}

/**
 * Builds a page from `limit + 1` rows fetched in sort order: the extra row only tells whether there is more.
 */
export function toPage<E, T>(
  rows: E[],
  limit: number,
  positionOf: (row: E) => CursorPosition,
  map: (row: E) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

export const pageSize = (query: PaginationQueryDto): number => query.limit ?? DEFAULT_PAGE_SIZE;

/**
 * A keyset condition "after this position" for MikroORM `where`, ordering by `field` then `id` in `direction`.
 */
export function keysetAfter(
  field: string,
  position: CursorPosition | undefined,
  direction: 'asc' | 'desc' = 'asc',
): Record<string, unknown> {
  if (!position) return {};
  const op = direction === 'asc' ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [op]: position.key } }, { [field]: position.key, id: { [op]: position.id } }],
  };
}
