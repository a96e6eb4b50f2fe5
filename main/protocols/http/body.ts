import { randomBytes } from 'node:crypto';

/**
 * Request bodies the editor offers — none / raw / JSON / form urlencoded / multipart with files —
 * turned into bytes and a Content-Type. Multipart is built here (RFC 7578) with a random boundary
 * that is checked against the content, so no library is needed for it.
 */

export interface MultipartFilePart {
  name: string;
  filename: string;
  contentType?: string;
  data: Uint8Array;
}

export type BodyInput =
  | { kind: 'none' }
  | { kind: 'raw'; text: string | Uint8Array; contentType?: string }
  | { kind: 'json'; text: string }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'multipart'; fields: [string, string][]; files: MultipartFilePart[] };

export interface BuiltBody {
  body: Buffer | null;
  contentType: string | null;
}

/** application/x-www-form-urlencoded exactly as URLSearchParams (WHATWG) serialises it. */
export function formUrlEncode(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

/** Quoted-string for a Content-Disposition parameter: the WHATWG/HTML escaping of `"`, CR, LF. */
function dispositionValue(s: string): string {
  return s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * Builds a multipart/form-data body. The boundary is random and re-drawn in the (astronomically
 * unlikely) case that it occurs inside a part, so any file content is safe.
 */
export function buildMultipart(fields: [string, string][], files: MultipartFilePart[], boundary?: string): { body: Buffer; contentType: string } {
  for (;;) {
    const b = boundary ?? `----PortholeBoundary${randomBytes(12).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [name, value] of fields) {
      parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${dispositionValue(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
    }
    for (const f of files) {
      const head = `--${b}\r\nContent-Disposition: form-data; name="${dispositionValue(f.name)}"; filename="${dispositionValue(f.filename)}"\r\n` +
        `Content-Type: ${f.contentType || 'application/octet-stream'}\r\n\r\n`;
      parts.push(Buffer.from(head, 'utf8'), Buffer.from(f.data), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${b}--\r\n`));
    const body = Buffer.concat(parts);
    const inside = [...fields.flat(), ...files.map((f) => Buffer.from(f.data).toString('latin1'))].some((s) => s.includes(b));
    if (!inside || boundary) return { body, contentType: `multipart/form-data; boundary=${b}` };
  }
}

/** Bytes and content type for a body the user composed. */
export function buildBody(input: BodyInput): BuiltBody {
  switch (input.kind) {
    case 'none':
      return { body: null, contentType: null };
    case 'raw':
      return { body: Buffer.from(typeof input.text === 'string' ? Buffer.from(input.text, 'utf8') : input.text), contentType: input.contentType ?? null };
    case 'json':
      return { body: Buffer.from(input.text, 'utf8'), contentType: 'application/json' };
    case 'form':
      return { body: Buffer.from(formUrlEncode(input.fields), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    case 'multipart':
      return buildMultipart(input.fields, input.files);
  }
}
