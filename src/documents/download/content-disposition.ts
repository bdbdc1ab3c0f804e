/**
 * `Content-Disposition: attachment` with the filename twice (RFC 6266 §4.3): `filename*` in RFC 8187 (5987)
 * UTF-8 percent-encoding, which keeps any name, and a plain `filename` fallback in ASCII for older clients.
 */
export function attachmentDisposition(filename: string): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%]/g, '_')
      .trim() || 'document';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
