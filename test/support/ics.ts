import ICAL from 'ical.js';

/** Values an anchor could type into a title, description, location or group name to forge calendar lines. */
export const HOSTILE_TEXT: Record<string, string> = {
  cr: 'Plan\rBEGIN:VALARM\rACTION:AUDIO\rTRIGGER:-PT1M\rEND:VALARM',
  lf: 'Plan\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@x\nDTSTART:20270101T000000Z\nSUMMARY:Injected\nEND:VEVENT\nBEGIN:VEVENT',
  crlf: 'Plan\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nDESCRIPTION:x\r\nEND:VALARM',
  semicolon: 'a;b;X-INJECT=1:c',
  comma: 'a,b,,c',
  backslash: 'a\\nb\\;c\\',
  // 200 characters (the title limit) mixing multi-byte letters and an astral emoji, so folding counts octets.
  long: `${'Ünïcødé 🗓 ; , \\ '.repeat(13).slice(0, 199)}.`, // no trailing space for the API to trim
};

/** TEXT can only carry LF line breaks (RFC 5545 §3.3.11 `\n`), so CR and CRLF come back as LF. */
export const asIcsText = (value: string): string => value.replace(/\r\n?/g, '\n');

/** ical.js does not know NAME / X-WR-CALNAME (RFC 7986, Apple) and returns them raw: decode them as TEXT. */
export function calendarText(calendar: ICAL.Component, name: string): string {
  const raw = calendar
    .getFirstProperty(name)
    ?.toICALString()
    .replace(/^[^:]*:/, '');
  const design = ICAL.design.icalendar.value as unknown as Record<string, { fromICAL(v: string): string }>;
  return design.text.fromICAL(raw ?? '');
}

/** Every line, the last one included, ends in CRLF (RFC 5545 §3.1); no bare CR or LF survives. */
export function expectCrlfLines(text: string): void {
  expect(text.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
}

/** Every physical line is ≤ 75 octets (RFC 5545 §3.1) and ends in CRLF; no bare CR or LF survives. */
export function expectWellFolded(text: string): void {
  expectCrlfLines(text);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
}
