/**
 * What the HTTP engine writes to the Wire section, secrets masked at the source.
 *
 * WireSink is defined here because `main/protocols/wire.ts` (the shared interface, owned by another
 * engineer) had not landed when this was written; the shapes are meant to be the same:
 * `{ out(text), in(text), info(text), close() }`. Replace this with an import once it exists.
 */
export interface WireSink {
  out(text: string): void;
  in(text: string): void;
  info(text: string): void;
  close(): void;
}
export type WireFactory = (label: string) => WireSink;

/** `Authorization: Basic xxx` → `Basic ****` (the scheme stays visible, the credentials do not). */
export function maskAuthorization(value: string): string {
  const m = /^(\S+)\s+\S/.exec(value);
  return m ? `${m[1]} ****` : '****';
}

/** `a=1; b=2` → `a=****; b=****`. */
export function maskCookie(value: string): string {
  return value.split(';').map((part) => {
    const i = part.indexOf('=');
    return i < 0 ? part : `${part.slice(0, i)}=****`;
  }).join(';');
}

/** `session=abc; Path=/; HttpOnly` → `session=****; Path=/; HttpOnly` (attributes are not secret). */
export function maskSetCookie(value: string): string {
  const i = value.indexOf(';');
  const pair = i < 0 ? value : value.slice(0, i);
  const eq = pair.indexOf('=');
  return (eq < 0 ? '****' : `${pair.slice(0, eq)}=****`) + (i < 0 ? '' : value.slice(i));
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** One header as the Wire view shows it. */
export function maskHeader(name: string, value: string): string {
  const n = name.toLowerCase();
  if (SECRET_HEADERS.has(n)) return `${name}: ${maskAuthorization(value)}`;
  if (n === 'cookie') return `${name}: ${maskCookie(value)}`;
  if (n === 'set-cookie') return `${name}: ${maskSetCookie(value)}`;
  return `${name}: ${value}`;
}

/** Masks the credentials of a URL (`http://user:pass@h/` → `http://user:****@h/`). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.href;
  } catch {
    return url;
  }
}

export function bodySummary(bytes: number, contentType: string | null, extra = ''): string {
  return `[body ${bytes} bytes${contentType ? `, ${contentType}` : ''}${extra}]`;
}
