/**
 * An action-plan cycle `YYYY-YYYY` (e.g. `2023-2027`): OGP action plans run two to four years; a cycle spans 1 to
 * MAX_CYCLE_YEARS years and starts no earlier than OGP itself (2011) and no later than 2099.
 */
export const CYCLE_PATTERN = /^(\d{4})-(\d{4})$/;
export const MIN_CYCLE_START = 2011;
export const MAX_CYCLE_END = 2099;
export const MAX_CYCLE_YEARS = 6;

/** Why `value` is not a cycle, or null when it is one. */
export function cycleProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'cycle must be a string like 2023-2027';
  const match = CYCLE_PATTERN.exec(value);
  if (!match) return 'cycle must be two four-digit years like 2023-2027';
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (start < MIN_CYCLE_START || end > MAX_CYCLE_END) {
    return `cycle years must lie between ${MIN_CYCLE_START} and ${MAX_CYCLE_END}`;
  }
  if (end <= start) return 'cycle must end after it starts';
  if (end - start > MAX_CYCLE_YEARS) return `cycle must span at most ${MAX_CYCLE_YEARS} years`;
  return null;
}
