import { stringify } from 'csv-stringify/sync';
import { camelCase, Column, OpenDataRow } from './columns';

/**
 * Turns database rows into published rows, and published rows into CSV. JSON and CSV carry the same columns;
 * only the encoding differs: in CSV a list is its items joined by `; `, an instant is ISO 8601 UTC, a missing
 * value is an empty field, and the file is RFC 4180 (header row, CRLF, quotes where needed).
 */

const LIST_SEPARATOR = '; ';

/** Database values are strings, numbers, Dates, booleans or arrays of those (pg's types); anything else is a bug. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`open data: unexpected ${typeof value} value`);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function publishValue(column: Column, value: unknown): OpenDataRow[string] {
  if (value === null || value === undefined) return column.kind === 'list' ? [] : null;
  switch (column.kind) {
    case 'instant':
      return (value instanceof Date ? value : new Date(text(value))).toISOString();
    case 'date':
      // node-postgres reads a `date` as local midnight: take its local calendar day, not the UTC one.
      return value instanceof Date ? localDay(value) : text(value).slice(0, 10);
    case 'integer':
    case 'number':
      return Number(value);
    case 'list':
      return (value as unknown[]).map(text);
    default:
      return text(value);
  }
}

export function publishRows(columns: readonly Column[], rows: Record<string, unknown>[]): OpenDataRow[] {
  return rows.map((row) => {
    const published: OpenDataRow = {};
    for (const column of columns) published[camelCase(column.name)] = publishValue(column, row[column.name]);
    return published;
  });
}

function csvField(value: OpenDataRow[string]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}

export function toCsv(columns: readonly Column[], rows: OpenDataRow[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => csvField(row[camelCase(column.name)]))),
    { header: true, columns: columns.map((column) => column.name), record_delimiter: 'windows' },
  );
}
