import { DigestCadence } from '../notifications.enums';

/** Digests go out at this local hour (weekly ones on Monday). */
export const DIGEST_HOUR = 8;
const DAY_MS = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
function offsetAt(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return (
    Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000
  );
}

/** The instant of a local wall-clock time (a time skipped by a DST jump lands just after the jump). */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(new Date(guess), timeZone);
  return new Date(guess - offsetAt(new Date(first), timeZone));
}

const zoneOrUtc = (timeZone: string): string => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
};

/**
 * The digest slot `now` falls in: the latest 08:00 (weekly: Monday 08:00) in the zone at or before `now`. A digest
 * for a slot carries every notification of its cadence made before the slot and not yet in a digest.
 */
export function digestSlot(now: Date, zone: string, cadence: DigestCadence): Date {
  const timeZone = zoneOrUtc(zone);
  const today = wallClock(now, timeZone);
  // Walk back from today's local date until the 08:00 of that date is not after now (and is a Monday if weekly).
  for (let back = 0; back < 8; back++) {
    const noon = new Date(Date.UTC(today.year, today.month - 1, today.day, 12) - back * DAY_MS);
    const date = { y: noon.getUTCFullYear(), m: noon.getUTCMonth() + 1, d: noon.getUTCDate() };
    if (cadence === DigestCadence.Weekly && noon.getUTCDay() !== 1) continue;
    const slot = instantOf(date.y, date.m, date.d, DIGEST_HOUR, timeZone);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('no digest slot in the past 8 days'); // unreachable: one of 8 consecutive days is a Monday
}
