import { escape } from 'ical-generator';

/*
 * ical-generator 10 escapes SUMMARY, DESCRIPTION and LOCATION itself (`\\`, `\;`, `\,`, CR/LF → `\n`) but writes the
 * calendar's NAME / X-WR-CALNAME (and X-WR-CALDESC, URL, PRODID) raw, so a group name or meeting title with a line
 * break could add events or alarms to a public feed. It also TEXT-escapes the event's URL, which breaks any link
 * with `;` or `,`. These helpers give each kind of value exactly what RFC 5545 asks for.
 */

/** Control characters other than HTAB and line breaks cannot appear in TEXT at all (§3.3.11 TSAFE-CHAR). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_TEXT_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** For TEXT properties the library escapes itself (SUMMARY, DESCRIPTION, LOCATION): drop what TEXT cannot carry. */
export function icsText(value: string): string {
  return value.replace(NON_TEXT_CONTROL, '');
}

/** For TEXT properties the library writes raw (NAME, X-WR-CALNAME): cleaned and escaped per §3.3.11. */
export function icsRawText(value: string): string {
  return escape(icsText(value), false);
}

/** Characters a URI may hold as they are (RFC 3986), minus `;` and `,`, which the library would TEXT-escape. */
const URI_UNSAFE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+=%]/gu;

/**
 * URI values are not escaped (§3.3.13); percent-encoding everything else (`;`, `,`, `\`, spaces, line breaks,
 * non-ASCII) keeps the link working in clients and leaves the library nothing to mangle.
 */
export function icsUri(value: string): string {
  return value.replace(URI_UNSAFE, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate has no UTF-8 form: U+FFFD, as a decoder would show it
    }
  });
}
