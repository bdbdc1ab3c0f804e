import { icsDate, icsTime, offsetMinutes, wallClock } from './zoned-time';

const HOUR = 3_600_000;
const STEP = 6 * HOUR; // no zone changes offset twice within six hours

interface Transition {
  at: number;
  from: number;
  to: number;
}

const formatOffset = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** Offset changes of a zone between two instants, each located to the minute by bisection. */
export function findTransitions(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const transitions: Transition[] = [];
  let previous = offsetMinutes(new Date(fromMs), timeZone);
  for (let t = fromMs + STEP; t <= toMs; t += STEP) {
    const current = offsetMinutes(new Date(t), timeZone);
    if (current === previous) continue;
    let [lo, hi] = [t - STEP, t]; // offset(lo) = previous, offset(hi) = current
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(new Date(mid), timeZone) === previous) lo = mid;
      else hi = mid;
    }
    transitions.push({ at: hi, from: previous, to: current });
    previous = current;
  }
  return transitions;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', onset: number, from: number, to: number): string {
  // DTSTART of an observance is the local time of the onset, read in the offset in force before it.
  const local = wallClock(new Date(onset + from * 60_000), 'UTC');
  return [
    `BEGIN:${kind}`,
    `DTSTART:${icsDate(local)}T${icsTime(local)}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    `END:${kind}`,
  ].join('\r\n');
}

/**
 * A VTIMEZONE for `timeZone` covering the years `fromYear..toYear`, built from the runtime's own time zone
 * data (Intl) rather than a bundled database: one observance per actual offset change (no RRULEs), preceded
 * by the observance in force at the start of the range. A rise in offset is DAYLIGHT, a fall STANDARD.
 */
export function buildVtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const transitions = findTransitions(timeZone, start, end);
  const initial = offsetMinutes(new Date(start), timeZone);
  const first = transitions[0];
  const initialKind = first && first.to < first.from ? 'DAYLIGHT' : 'STANDARD';
  const parts = [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    observance(initialKind, start, initial, initial),
    ...transitions.map((t) => observance(t.to > t.from ? 'DAYLIGHT' : 'STANDARD', t.at, t.from, t.to)),
    'END:VTIMEZONE',
  ];
  return parts.join('\r\n');
}
