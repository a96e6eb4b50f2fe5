/**
 * Redirect rules of the Fetch standard (§4.4 HTTP-redirect fetch), kept pure so they are unit-tested
 * on their own: which statuses redirect, what the next method and body are, which headers go.
 */

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface NextHop {
  method: string;
  /** false: the body (and its Content-* headers) is dropped */
  keepBody: boolean;
}

/**
 * 301/302 turn POST into GET; 303 turns anything but HEAD into GET; 307/308 keep method and body.
 * (Fetch: "if status is 301 or 302 and method is POST, or status is 303 and method is not GET or
 * HEAD" → GET, body null.)
 * @example nextMethod(303, 'PUT') // { method: 'GET', keepBody: false }
 */
export function nextMethod(status: number, method: string): NextHop {
  const m = method.toUpperCase();
  if (((status === 301 || status === 302) && m === 'POST') || (status === 303 && m !== 'GET' && m !== 'HEAD')) {
    return { method: 'GET', keepBody: false };
  }
  return { method, keepBody: true };
}

/** Headers Fetch removes along with a dropped body ("request-body-header names"). */
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length']);

export type RedirectTarget =
  | { ok: true; url: URL }
  | { ok: false; code: 'EINVALID' | 'EPROTOCOL'; message: string };

/** Resolves a Location header against the request URL; only http(s) targets are followed. */
export function resolveLocation(location: string, base: string): RedirectTarget {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    return { ok: false, code: 'EINVALID', message: `invalid redirect Location: ${JSON.stringify(location)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, code: 'EPROTOCOL', message: `refusing to follow a redirect to ${url.protocol} (${url.href}): only http and https are followed` };
  }
  // a fragment-less Location inherits the request's fragment (Fetch), but fragments never go on the wire anyway
  url.hash = '';
  return { ok: true, url };
}

/**
 * The headers for the next hop: body headers dropped with the body, Authorization (and Cookie,
 * which the jar recomputes) dropped when the origin changes — Fetch's "CORS non-wildcard request-
 * header" rule, and what curl does without --location-trusted. Host is recomputed per hop.
 */
export function nextHeaders(headers: [string, string][], keepBody: boolean, sameOrigin: boolean): [string, string][] {
  return headers.filter(([name]) => {
    const n = name.toLowerCase();
    if (!keepBody && BODY_HEADERS.has(n)) return false;
    if (!sameOrigin && (n === 'authorization' || n === 'cookie' || n === 'proxy-authorization')) return false;
    if (n === 'host') return false;
    return true;
  });
}
