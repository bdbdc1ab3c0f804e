/**
 * Filenames come from the client and end up in a `Content-Disposition` header and on someone's disk, so they are
 * rebuilt rather than trusted (docs/documents.md, "Filenames"): the last path segment only, NFC, no control or
 * format characters (which include the bidi overrides that make `exe.pdf` read as `fdp.exe`), no characters
 * Windows refuses, no leading or trailing dots or spaces, at most MAX_FILENAME_BYTES of UTF-8, and the
 * extension of the sniffed type when one is known.
 */
export const MAX_FILENAME_BYTES = 200;
const FALLBACK_STEM = 'document';
/** Extensions a browser or desktop would treat as active content; kept only when the bytes really are text. */
const ACTIVE_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'shtml',
  'svg',
  'svgz',
  'xml',
  'js',
  'mjs',
  'hta',
]);
/** Spellings of one type's extension that need no renaming. */
const SYNONYMS: Record<string, string[]> = { jpg: ['jpeg', 'jpe'], tif: ['tiff'], txt: ['text'] };

const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

function clean(text: string): string {
  return (
    text
      .normalize('NFC')
      // Unpaired surrogates are not text (a UTF-8 header cannot carry them).
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      // Cc: C0/C1 controls, DEL. Cf: bidi embeddings/overrides/isolates, zero-width joiners, BOM, soft hyphen.
      .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
      .replace(/[<>:"/\\|?*]/g, '_')
      .replace(/\s+/gu, ' ')
      .replace(/^[\s.]+|[\s.]+$/gu, '')
  );
}

/** The extension of `name` (lower-case, without the dot), or null. */
export function extensionOf(name: string): string | null {
  const match = EXTENSION.exec(name);
  return match ? match[1].toLowerCase() : null;
}

function sameExtension(actual: string | null, wanted: string): boolean {
  if (actual === null) return false;
  return actual === wanted || (SYNONYMS[wanted] ?? []).includes(actual);
}

/** Cuts `stem` (by whole code points) so that `stem + suffix` fits in MAX_FILENAME_BYTES of UTF-8. */
function fit(stem: string, suffix: string): string {
  const budget = MAX_FILENAME_BYTES - Buffer.byteLength(suffix);
  let out = '';
  let bytes = 0;
  for (const char of stem) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    out += char;
    bytes += size;
  }
  return out.replace(/[\s.]+$/u, '') || FALLBACK_STEM;
}

/**
 * A safe name for bytes of sniffed type `sniffedExtension` (null when unknown) that the client called `declared`.
 */
export function sanitiseFilename(
  declared: string | null | undefined,
  sniffedExtension: string | null,
): string {
  const segments = (declared ?? '').split(/[/\\]/);
  const base = clean(segments[segments.length - 1] ?? '');
  const current = extensionOf(base);
  let stem = base;
  let extension: string | null = current;
  if (sniffedExtension !== null && !sameExtension(current, sniffedExtension)) {
    if (current !== null) stem = base.slice(0, -(current.length + 1));
    extension = sniffedExtension;
  } else if (sniffedExtension === null && current !== null && ACTIVE_EXTENSIONS.has(current)) {
    // Unknown binary content under an active extension: keep the name readable but never runnable as is.
    extension = `${current}.bin`;
    stem = base.slice(0, -(current.length + 1));
  } else if (current !== null) {
    stem = base.slice(0, -(current.length + 1));
  }
  stem = clean(stem);
  const suffix = extension === null ? '' : `.${extension}`;
  return `${fit(stem || FALLBACK_STEM, suffix)}${suffix}`;
}
