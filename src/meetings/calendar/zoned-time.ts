const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in an IANA zone (from the runtime's time zone database, via Intl). */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** UTC offset of the zone at an instant, in whole minutes (east positive). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYYMMDD` and `HHMMSS` as iCalendar writes local date-times. */
export function icsDate(w: WallClock): string {
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}`;
}
export function icsTime(w: WallClock): string {
  return `${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/**
 * An instant seen in a zone, shaped like the Luxon DateTime that ical-generator accepts (`toJSDate`, `setZone`,
 * `toFormat`): given an event `timezone`, ical-generator then writes `DTSTART;TZID=<zone>:<local wall clock>`.
 * A plain Date would be read in the server process's own zone instead, which is wrong unless it is UTC.
 */
export class ZonedInstant {
  readonly isValid = true;
  /** Luxon's zone descriptor; `iana` (not `system`) so ical-generator never falls back to the process zone. */
  readonly zone: { type: string; name: string };

  constructor(
    readonly instant: Date,
    readonly timeZone: string,
  ) {
    this.zone = { type: 'iana', name: timeZone };
  }

  toJSDate(): Date {
    return this.instant;
  }

  setZone(zone?: string): ZonedInstant {
    return new ZonedInstant(this.instant, zone ?? this.timeZone);
  }

  toFormat(format: string): string {
    const w = wallClock(this.instant, this.timeZone);
    if (format === 'yyyyLLdd') return icsDate(w);
    if (format === 'HHmmss') return icsTime(w);
    throw new Error(`unsupported format ${format}`);
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

/**
 * RFC 3339 local rendering of an instant in an IANA zone, with the zone's offset at that instant, e.g.
 * `2027-03-01T10:00:00+01:00` (milliseconds only when there are some). Parsing it gives back the same instant.
 */
export function isoInZone(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const ms = instant.getTime() - Math.floor(instant.getTime() / 1000) * 1000;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}`;
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}`;
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
