import { simpleValidator } from './validators';

/**
 * Years a date may have: PostgreSQL refuses year 0 (a 500) and JavaScript writes years past 9999 as `+010000`,
 * which no client expects; nothing Convene schedules lies outside this range.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
/** Real UTC offsets lie within -12:00..+14:00; ISO 8601 parsers commonly allow up to ±18:00. */
const MAX_OFFSET_MINUTES = 18 * 60;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `Date.parse` rolls `2027-02-30` over to 2 March; this refuses any day the month does not have. */
function isRealDate(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * An ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`; a bare local time would be ambiguous), parsed
 * strictly: no rollover of days, hours (24:00) or minutes, years within MIN_YEAR..MAX_YEAR, also once in UTC.
 */
export function parseIsoInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  if (!isRealDate(year, month, day)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59) return null;
  if (offsetHours * 60 + offsetMinutes > MAX_OFFSET_MINUTES) return null;
  const instant = new Date(value);
  const utcYear = instant.getUTCFullYear();
  if (Number.isNaN(instant.getTime()) || utcYear < MIN_YEAR || utcYear > MAX_YEAR) return null;
  return instant;
}

export const isIsoInstant = (value: unknown): value is string => parseIsoInstant(value) !== null;

/** A calendar date `YYYY-MM-DD` that exists (no `2027-02-30`), years within MIN_YEAR..MAX_YEAR. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export const IsIsoInstant = simpleValidator(
  'isIsoInstant',
  isIsoInstant,
  `$property must be an ISO 8601 instant such as 2026-05-01T14:00:00Z (a real date, years ${MIN_YEAR}-${MAX_YEAR})`,
);
export const IsCalendarDate = simpleValidator(
  'isCalendarDate',
  isCalendarDate,
  `$property must be a calendar date such as 2026-06-30 (a real date, years ${MIN_YEAR}-${MAX_YEAR})`,
);
