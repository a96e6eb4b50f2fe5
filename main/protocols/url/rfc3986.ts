/**
 * RFC 3986 generic syntax: the Appendix B split (which never fails) and §5.2 reference resolution.
 * Strict on purpose: nothing is normalised or decoded, so the inspector shows the URL as written
 * and `resolve` gives exactly the RFC's answers (§5.4), not urljoin's.
 */

/** RFC 3986 components; null = absent, "" = present but empty (§5.3 tells them apart). */
export interface Rfc3986Parts {
  scheme: string | null;
  authority: string | null;
  userinfo: string | null;
  host: string | null;
  port: string | null;
  /** the whole path, `;params` included; always present, possibly "" */
  path: string;
  /** text after the first `;` that follows the path's last `/` (Python's urlparse params), or null */
  params: string | null;
  query: string | null;
  fragment: string | null;
}

// Appendix B, verbatim except `.` → `[\s\S]` so a stray newline cannot make a group stop early.
const APPENDIX_B = /^(([^:/?#]+):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#([\s\S]*))?$/;

/** Splits any string into RFC 3986 components (Appendix B); never throws. */
export function splitUri(input: string): Rfc3986Parts {
  const m = APPENDIX_B.exec(input);
  // The regex matches every string (all groups optional, path is [^?#]*, the rest is consumed by
  // query/fragment), so m is never null; the fallback only satisfies the type checker.
  if (!m) return { ...splitAuthority(null), scheme: null, authority: null, path: input, params: null, query: null, fragment: null };
  const authority = m[3] !== undefined ? m[4] : null;
  const path = m[5];
  return {
    scheme: m[1] !== undefined ? m[2] : null,
    authority,
    ...splitAuthority(authority),
    path,
    params: pathParams(path),
    query: m[6] !== undefined ? m[7] : null,
    fragment: m[8] !== undefined ? m[9] : null,
  };
}

/**
 * authority = [ userinfo "@" ] host [ ":" port ]. userinfo may not contain "@", so the last "@"
 * separates it (what browsers and Python do with a stray "@"). An IP-literal keeps its brackets;
 * otherwise the host ends at the first ":" (Python's choice; a reg-name has no ":").
 */
export function splitAuthority(authority: string | null): Pick<Rfc3986Parts, 'userinfo' | 'host' | 'port'> {
  if (authority === null) return { userinfo: null, host: null, port: null };
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : null;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  let hostEnd: number;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    // "[::1" (no closing bracket) is not an IP-literal; the whole rest is taken as the host
    hostEnd = close < 0 ? hostport.length : close + 1;
    if (hostport[hostEnd] !== ':' && hostEnd < hostport.length) hostEnd = hostport.length;
  } else {
    const colon = hostport.indexOf(':');
    hostEnd = colon < 0 ? hostport.length : colon;
  }
  return {
    userinfo,
    host: hostport.slice(0, hostEnd),
    port: hostEnd < hostport.length ? hostport.slice(hostEnd + 1) : null,
  };
}

/** Python urlparse's params rule, applied to every scheme: `/b/c/d;p` → "p", `/a;x/b` → null. */
export function pathParams(path: string): string | null {
  const semi = path.indexOf(';', Math.max(0, path.lastIndexOf('/')));
  return semi < 0 ? null : path.slice(semi + 1);
}

/** §5.3 component recomposition (absent components leave no delimiter behind). */
export function recompose(p: Pick<Rfc3986Parts, 'scheme' | 'authority' | 'path' | 'query' | 'fragment'>): string {
  let s = '';
  if (p.scheme !== null) s += p.scheme + ':';
  if (p.authority !== null) s += '//' + p.authority;
  s += p.path;
  if (p.query !== null) s += '?' + p.query;
  if (p.fragment !== null) s += '#' + p.fragment;
  return s;
}

/** §5.2.4 remove_dot_segments, written as the RFC's input-buffer loop so it is easy to audit. */
export function removeDotSegments(path: string): string {
  let input = path;
  const out: string[] = [];
  while (input.length > 0) {
    if (input.startsWith('../')) input = input.slice(3); // A
    else if (input.startsWith('./')) input = input.slice(2); // A
    else if (input.startsWith('/./')) input = input.slice(2); // B: "/./x" → "/x"
    else if (input === '/.') input = '/'; // B
    else if (input.startsWith('/../')) {
      input = input.slice(3); // C: "/../x" → "/x", and drop the last output segment
      out.pop();
    } else if (input === '/..') {
      input = '/';
      out.pop();
    } else if (input === '.' || input === '..') input = ''; // D
    else {
      // E: move the first segment (with its leading "/", if any) up to, not including, the next "/"
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const seg = next < 0 ? input : input.slice(0, next);
      out.push(seg);
      input = input.slice(seg.length);
    }
  }
  return out.join('');
}

/** §5.2.3 merge. */
function merge(base: Rfc3986Parts, refPath: string): string {
  if (base.authority !== null && base.path === '') return '/' + refPath;
  const slash = base.path.lastIndexOf('/');
  return slash < 0 ? refPath : base.path.slice(0, slash + 1) + refPath;
}

/**
 * §5.2.2 transform, strict parser (a reference with a scheme is absolute even when it is the base's
 * scheme: `http:g` → `http:g`). The base should be absolute (§5.1); a relative base still gives
 * the algorithm's answer, and analyzeUrl warns about it.
 * @example resolveReference('../g', 'http://a/b/c/d;p?q') // 'http://a/b/g'
 */
export function resolveReference(reference: string, base: string): string {
  const r = splitUri(reference);
  const b = splitUri(base);
  let scheme: string | null, authority: string | null, path: string, query: string | null;
  if (r.scheme !== null) {
    scheme = r.scheme;
    authority = r.authority;
    path = removeDotSegments(r.path);
    query = r.query;
  } else {
    if (r.authority !== null) {
      authority = r.authority;
      path = removeDotSegments(r.path);
      query = r.query;
    } else {
      if (r.path === '') {
        path = b.path;
        query = r.query !== null ? r.query : b.query;
      } else {
        path = r.path.startsWith('/') ? removeDotSegments(r.path) : removeDotSegments(merge(b, r.path));
        query = r.query;
      }
      authority = b.authority;
    }
    scheme = b.scheme;
  }
  return recompose({ scheme, authority, path, query, fragment: r.fragment });
}
