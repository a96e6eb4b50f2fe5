import { PREVIEW_BINARY_BYTES, PREVIEW_IMAGE_BYTES, PREVIEW_TEXT_CHARS, type BodyPreview } from '../../../shared/ipc/url';

/**
 * What travels with a send's result so the response tab can render at once: text up to ~2 MiB,
 * an image whole (up to a cap), other bytes as a short base64 head for a hex view. The whole body
 * stays in main (ResponseStore) for "save body as…".
 */
export function previewOf(data: Buffer | null, contentType: string | null, text: string | null): { preview: BodyPreview; text: string | null } {
  const mime = contentType?.split(';')[0].trim().toLowerCase() || null;
  if (!data || data.length === 0) return { preview: { kind: 'empty', mime, base64: null, truncated: false }, text };
  let shownText = text;
  let textCut = false;
  if (text !== null && text.length > PREVIEW_TEXT_CHARS) {
    // do not cut a surrogate pair in half
    const end = /[\uD800-\uDBFF]/.test(text[PREVIEW_TEXT_CHARS - 1]) ? PREVIEW_TEXT_CHARS - 1 : PREVIEW_TEXT_CHARS;
    shownText = text.slice(0, end);
    textCut = true;
  }
  if (mime?.startsWith('image/')) {
    // SVG is also text: the text view gets it too, the preview renders the image
    const fits = data.length <= PREVIEW_IMAGE_BYTES;
    return { preview: { kind: 'image', mime, base64: fits ? data.toString('base64') : null, truncated: !fits }, text: shownText };
  }
  if (shownText !== null) return { preview: { kind: 'text', mime, base64: null, truncated: textCut }, text: shownText };
  const head = data.subarray(0, PREVIEW_BINARY_BYTES);
  return { preview: { kind: 'binary', mime, base64: head.toString('base64'), truncated: data.length > head.length }, text: null };
}

const EXT: Record<string, string> = {
  'text/html': 'html', 'text/plain': 'txt', 'text/css': 'css', 'text/csv': 'csv', 'text/xml': 'xml',
  'application/json': 'json', 'application/xml': 'xml', 'application/javascript': 'js', 'text/javascript': 'js',
  'application/pdf': 'pdf', 'application/zip': 'zip', 'application/gzip': 'gz',
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg',
};

/**
 * A file name to suggest for "save body as…": Content-Disposition's (RFC 6266, `filename*`
 * preferred), else the URL's last path segment, else `response.<ext>`. Server-supplied names are
 * never trusted as paths: separators, control characters and leading dots are removed.
 */
export function suggestFilename(contentDisposition: string | null, url: string, contentType: string | null): string {
  let name = '';
  if (contentDisposition) {
    const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(contentDisposition);
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentDisposition);
    if (star) name = safeDecode(star[2].trim());
    else if (plain) name = (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1');
  }
  if (!sanitize(name)) {
    try {
      const segs = new URL(url).pathname.split('/');
      name = safeDecode(segs[segs.length - 1] ?? '');
    } catch {
      name = '';
    }
  }
  name = sanitize(name);
  if (!name) {
    const mime = contentType?.split(';')[0].trim().toLowerCase() ?? '';
    name = `response.${EXT[mime] ?? 'bin'}`;
  }
  return name;
}

function sanitize(name: string): string {
  return name
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^[.\s_]+/, '')
    .trim()
    .slice(0, 200);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
