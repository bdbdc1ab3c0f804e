import { fromBuffer } from 'file-type';
import { extensionOf } from './filename';

/** file-type reads at most this many bytes; the upload pipeline holds back exactly this much, once. */
export const SNIFF_BYTES = 4100;

export interface SniffedType {
  mimeType: string;
  /** Extension for the stored filename; null when the type has none worth imposing (octet-stream). */
  extension: string | null;
}

export const OCTET_STREAM: SniffedType = { mimeType: 'application/octet-stream', extension: null };

/**
 * Valid UTF-8 without control characters other than tab, line feed, form feed and carriage return. `truncated`:
 * the head was cut at SNIFF_BYTES, so a multi-byte character may be split at its end (up to 3 bytes are ignored).
 */
export function looksLikeText(head: Buffer, truncated: boolean): boolean {
  let bytes = head;
  if (truncated) {
    // Drop a trailing incomplete sequence: back up over continuation bytes to the lead byte, if incomplete.
    let i = bytes.length - 1;
    let back = 0;
    while (i >= 0 && back < 3 && (bytes[i] & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && bytes[i] >= 0xc0) {
      const needed = bytes[i] >= 0xf0 ? 4 : bytes[i] >= 0xe0 ? 3 : 2;
      if (back + 1 < needed) bytes = bytes.subarray(0, i);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/**
 * The type of the bytes, from their first SNIFF_BYTES (`head`): the magic numbers file-type knows, else UTF-8 text
 * (CSV when the client named it `.csv`: CSV has no magic, and text/csv is as inert as text/plain), else
 * application/octet-stream. The client's Content-Type is never consulted.
 */
export async function sniffType(
  head: Buffer,
  truncated: boolean,
  declaredName: string | null,
): Promise<SniffedType> {
  const detected = await fromBuffer(head);
  if (detected) return { mimeType: detected.mime, extension: detected.ext };
  if (looksLikeText(head, truncated)) {
    return extensionOf(declaredName ?? '') === 'csv'
      ? { mimeType: 'text/csv', extension: 'csv' }
      : { mimeType: 'text/plain', extension: 'txt' };
  }
  return OCTET_STREAM;
}
