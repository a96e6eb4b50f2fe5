import { isIP } from 'node:net';
import type { Cookie } from './types';

/**
 * An RFC 6265 cookie jar: storage model (§5.3), matching (§5.4: domain / path / secure / expiry /
 * host-only) and the date parser (§5.1.1). One jar per window session, applied across redirects,
 * listable and editable for the UI. No public-suffix list ships here, so a Domain attribute without
 * an inner dot (e.g. `com`) is refused — the common case of the PSL rule.
 */

const MAX_COOKIES = 3000;
const MAX_COOKIE_BYTES = 4096;

export type { Cookie };

/** §5.1.3 domain-match: identical, or a suffix after a dot when the host is not an IP address. */
export function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  return !isIP(host) && host.endsWith(domain) && host[host.length - domain.length - 1] === '.';
}

/** §5.1.4 default-path of a request path. */
export function defaultPath(path: string): string {
  if (!path.startsWith('/')) return '/';
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** §5.1.4 path-match. */
export function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** §5.1.1 cookie-date parsing (lenient by design: it is what browsers accept). Returns ms or null. */
export function parseCookieDate(text: string): number | null {
  // eslint-disable-next-line no-control-regex -- §5.1.1's delimiter set includes %x09
  const tokens = text.split(/[\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+/).filter(Boolean);
  let time: number[] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const t of tokens) {
    let m: RegExpExecArray | null;
    if (!time && (m = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/.exec(t))) time = [+m[1], +m[2], +m[3]];
    else if (day === null && (m = /^(\d{1,2})(?:\D.*)?$/.exec(t))) day = +m[1];
    else if (month === null && MONTHS.includes(t.slice(0, 3).toLowerCase())) month = MONTHS.indexOf(t.slice(0, 3).toLowerCase());
    else if (year === null && (m = /^(\d{2,4})(?:\D.*)?$/.exec(t))) year = +m[1];
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) return null;
  const ms = Date.UTC(year, month, day, time[0], time[1], time[2]);
  // Date.UTC rolls 31 Feb into March; the RFC says such a date fails
  return new Date(ms).getUTCDate() === day ? ms : null;
}

/**
 * §5.2 + §5.3: parses one Set-Cookie value received from `url`; null when it must be ignored.
 * Max-Age wins over Expires; an expiry in the past yields a cookie the jar uses to delete.
 */
export function parseSetCookie(header: string, url: URL, now = Date.now()): Cookie | null {
  if (header.length > MAX_COOKIE_BYTES) return null;
  const [pair, ...attrs] = header.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (!name && !value) return null;
  // eslint-disable-next-line no-control-regex -- control characters (other than HTAB) make a cookie invalid
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(name + value)) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let expires: number | null = null;
  let maxAge: number | null = null;
  let domain = '';
  let path: string | null = null;
  let secure = false;
  let httpOnly = false;
  let sameSite: Cookie['sameSite'] = null;
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : a.slice(i + 1).trim();
    if (key === 'expires') {
      const d = parseCookieDate(val);
      if (d !== null) expires = d;
    } else if (key === 'max-age') {
      if (/^-?\d+$/.test(val)) maxAge = Number(val) <= 0 ? -Infinity : now + Number(val) * 1000;
    } else if (key === 'domain') {
      if (val) domain = val.replace(/^\./, '').toLowerCase();
    } else if (key === 'path') {
      path = val.startsWith('/') ? val : null;
    } else if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') {
      const s = val.toLowerCase();
      sameSite = s === 'strict' ? 'Strict' : s === 'lax' ? 'Lax' : s === 'none' ? 'None' : null;
    }
  }
  let hostOnly = true;
  if (domain) {
    if (!domainMatch(host, domain)) return null;
    // no public-suffix list: at least refuse a bare TLD-like domain other than the host itself
    if (domain !== host && !domain.includes('.')) return null;
    hostOnly = false;
  } else domain = host;
  // RFC 6265bis §5.6 step 13: a plain-http origin may not set a Secure cookie
  if (secure && url.protocol !== 'https:') return null;
  const exp = maxAge !== null ? maxAge : expires;
  return {
    name, value, domain, path: path ?? defaultPath(url.pathname), hostOnly, secure, httpOnly, sameSite,
    expires: exp === -Infinity ? 0 : exp, created: now,
  };
}

const keyOf = (c: Pick<Cookie, 'domain' | 'path' | 'name'>) => `${c.domain}\t${c.path}\t${c.name}`;

export class CookieJar {
  private cookies = new Map<string, Cookie>();

  /** Stores every Set-Cookie of a response received from `url` (in order). */
  setFromResponse(url: URL, setCookies: string[], now = Date.now()): void {
    for (const h of setCookies) {
      const c = parseSetCookie(h, url, now);
      if (c) this.set(c, now);
    }
  }

  /** Adds or replaces a cookie (also the UI's edit path); an expired one deletes its namesake. */
  set(cookie: Cookie, now = Date.now()): void {
    const key = keyOf(cookie);
    const old = this.cookies.get(key);
    if (cookie.expires !== null && cookie.expires <= now) {
      this.cookies.delete(key);
      return;
    }
    // §5.3 step 11.3: replacing keeps the old creation time (it orders the Cookie header)
    this.cookies.set(key, old ? { ...cookie, created: old.created } : { ...cookie });
    if (this.cookies.size > MAX_COOKIES) this.evict(now);
  }

  delete(domain: string, path: string, name: string): boolean {
    return this.cookies.delete(keyOf({ domain, path, name }));
  }

  clear(): void {
    this.cookies.clear();
  }

  /** Every live cookie, for the UI's cookie table. */
  list(now = Date.now()): Cookie[] {
    this.evict(now);
    return [...this.cookies.values()].map((c) => ({ ...c }));
  }

  /** §5.4: the cookies to send to `url`, longest path first, then oldest first. */
  matching(url: URL, now = Date.now()): Cookie[] {
    this.evict(now);
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const path = url.pathname || '/';
    const secure = url.protocol === 'https:';
    return [...this.cookies.values()]
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatch(host, c.domain)) && pathMatch(path, c.path) && (!c.secure || secure))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created);
  }

  /** The Cookie header value for `url`, or null when no cookie applies. */
  header(url: URL, now = Date.now()): string | null {
    const list = this.matching(url, now);
    return list.length ? list.map((c) => (c.name ? `${c.name}=${c.value}` : c.value)).join('; ') : null;
  }

  /** Drops expired cookies, then the oldest ones past the size limit. */
  private evict(now: number): void {
    for (const [k, c] of this.cookies) if (c.expires !== null && c.expires <= now) this.cookies.delete(k);
    if (this.cookies.size <= MAX_COOKIES) return;
    const byAge = [...this.cookies.entries()].sort((a, b) => a[1].created - b[1].created);
    for (const [k] of byAge.slice(0, this.cookies.size - MAX_COOKIES)) this.cookies.delete(k);
  }
}
