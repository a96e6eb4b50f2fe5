/**
 * Text decoding of response bodies by the Content-Type charset. TextDecoder is non-fatal here:
 * invalid bytes become U+FFFD instead of failing the whole response.
 */

export interface MediaType {
  type: string | null;
  charset: string | null;
}

/** `text/html; charset="ISO-8859-1"` → { type: 'text/html', charset: 'iso-8859-1' }. */
export function parseContentType(value: string | null | undefined): MediaType {
  if (!value) return { type: null, charset: null };
  const [type, ...params] = value.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { type: type.trim().toLowerCase() || null, charset };
}

/** Whether a media type is worth showing as text (the rest is shown as bytes / an image). */
export function isTextual(type: string | null): boolean {
  if (!type) return false;
  return type.startsWith('text/') || /[/+](json|xml|javascript|ecmascript|x-www-form-urlencoded)$/.test(type) || type === 'application/javascript';
}

/**
 * Decodes `body` by `charset` (WHATWG Encoding labels), UTF-8 when absent or unknown; a UTF-8 BOM
 * is honoured and stripped by TextDecoder itself.
 */
export function decodeText(body: Uint8Array, charset: string | null): { text: string; charset: string } {
  const label = charset ?? 'utf-8';
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label, { fatal: false });
    } catch {
      decoder = new TextDecoder('utf-8', { fatal: false });
    }
    // labels come from servers: keep the cache bounded
    if (decoders.size < 64) decoders.set(label, decoder);
  }
  return { text: decoder.decode(body), charset: decoder.encoding };
}

/** A decoder per label: decode() without `stream` keeps no state between calls, and making one
 * per response is a measurable share of a small page's cost. */
const decoders = new Map<string, TextDecoder>();
