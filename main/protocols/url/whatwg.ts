import { pathParams, type Rfc3986Parts } from './rfc3986';

/** What Node's (and browsers') WHATWG `URL` getters return. */
export interface WhatwgParts {
  href: string;
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
}

export type Rfc3986Field = 'scheme' | 'authority' | 'userinfo' | 'host' | 'port' | 'path' | 'params' | 'query' | 'fragment';
const FIELDS: readonly Rfc3986Field[] = ['scheme', 'authority', 'userinfo', 'host', 'port', 'path', 'params', 'query', 'fragment'];

/** The WHATWG view of `input` as given (no base), or the parser's complaint. */
export function whatwgView(input: string): { parts: WhatwgParts | null; error: string | null } {
  let u: URL;
  try {
    u = new URL(input);
  } catch (e) {
    return { parts: null, error: e instanceof Error ? e.message : String(e) };
  }
  const { href, protocol, username, password, hostname, port, pathname, search, hash } = u;
  return { parts: { href, protocol, username, password, hostname, port, pathname, search, hash }, error: null };
}

/** WHATWG "special" schemes' default ports (file has none). */
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' };

/**
 * The rfc3986 fields whose values differ from the WHATWG view once *notation* is set aside.
 * Notation is exactly the list, nothing more:
 *  - scheme case: `HTTP` ≡ `http:` (the protocol's trailing `:` is punctuation);
 *  - the `:` / `?` / `#` punctuation: `?` alone (query "") ≡ no `?` (query null) ≡ search "";
 *    same for `#` / hash; `user:` ≡ username "user" + password ""; `host:` (port "") ≡ port "";
 *  - an omitted default port: `http://h:80` ≡ port "" (WHATWG drops the scheme's default).
 * Everything else the WHATWG parser changes *is* a difference the inspector highlights: host case
 * (`Example.com` → `example.com`), IDN → punycode, percent-encoding added (`/a b` → `/a%20b`),
 * dot segments removed, an empty path becoming `/`, IPv6 compressed, a leading-zero port.
 * So `http://Example.com:80/a b` differs in host, authority (via host) and path, not in scheme or
 * port. `authority` is listed when any of its parts (or its presence) differs; `params` is
 * compared by applying the same params rule to the WHATWG pathname.
 * With no WHATWG view (the parser rejected the input) there is nothing to compare: [].
 */
export function differences(r: Rfc3986Parts, w: WhatwgParts | null): Rfc3986Field[] {
  if (w === null) return [];
  const scheme = w.protocol.replace(/:$/, '');
  // the WHATWG URL has an authority when its serialisation has `//` after the scheme
  const wHasAuthority = w.href.startsWith(w.protocol + '//');
  const diff = new Set<Rfc3986Field>();

  if ((r.scheme ?? '').toLowerCase() !== scheme) diff.add('scheme');

  if ((r.authority !== null) !== wHasAuthority) {
    // present on one side only: every authority part that is non-empty on either side differs
    diff.add('authority');
    if ((r.host ?? '') !== w.hostname) diff.add('host');
    if ((r.userinfo ?? '') !== '' || w.username !== '' || w.password !== '') diff.add('userinfo');
    if ((r.port ?? '') !== '' || w.port !== '') diff.add('port');
  } else if (r.authority !== null) {
    const ui = r.userinfo ?? '';
    const colon = ui.indexOf(':');
    const user = colon < 0 ? ui : ui.slice(0, colon);
    const pass = colon < 0 ? '' : ui.slice(colon + 1);
    if (user !== w.username || pass !== w.password) diff.add('userinfo');
    if (r.host !== w.hostname) diff.add('host');
    const port = r.port === null || r.port === DEFAULT_PORTS[scheme] ? '' : r.port;
    if (port !== w.port) diff.add('port');
    if (diff.has('userinfo') || diff.has('host') || diff.has('port')) diff.add('authority');
  }

  if (r.path !== w.pathname) diff.add('path');
  if (r.params !== pathParams(w.pathname)) diff.add('params');
  if ((r.query ?? '') !== w.search.replace(/^\?/, '')) diff.add('query');
  if ((r.fragment ?? '') !== w.hash.replace(/^#/, '')) diff.add('fragment');
  return FIELDS.filter((f) => diff.has(f));
}
