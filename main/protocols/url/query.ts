import { recompose, splitUri } from './rfc3986';

/**
 * Query strings as a key/value table, and back. The split is the rule: on `&`, then on the
 * first `=`, `+` as space, percent-decoded, empty names and values **kept** — so `a=&=b&&c` gives
 * [["a",""],["","b"],["",""],["c",""]]. That deliberately differs from Python's
 * parse_qsl(keep_blank_values=True), which drops the empty piece between `&&`: the table must show
 * every piece of the query so that editing one row does not silently delete another.
 * An absent or empty query has no pairs ([]): there is no piece to show.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: false });
const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * Percent-decodes; a `%` not followed by two hex digits is left as is; decoded bytes that are not
 * valid UTF-8 become U+FFFD (like Python's unquote, errors="replace").
 * @example percentDecode('a%20b%zz') // 'a b%zz'
 */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '%' && HEX.test(s.slice(i + 1, i + 3))) {
      // gather a run of escapes so multi-byte UTF-8 sequences decode together
      const bytes: number[] = [];
      while (s[i] === '%' && HEX.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
      }
      out += UTF8.decode(new Uint8Array(bytes));
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

/** `+` as space, then percent-decoding (application/x-www-form-urlencoded reading). */
export function formDecode(s: string): string {
  return percentDecode(s.replaceAll('+', ' '));
}

/**
 * @example parseQuery('a=1&b=x+y&c') // [['a','1'],['b','x y'],['c','']]
 */
export function parseQuery(query: string | null): [string, string][] {
  if (query === null || query === '') return [];
  return query.split('&').map((piece) => {
    const eq = piece.indexOf('=');
    return eq < 0 ? [formDecode(piece), ''] : [formDecode(piece.slice(0, eq)), formDecode(piece.slice(eq + 1))];
  });
}

/** encodeURIComponent with space as `+` (form style); `&`, `=`, `+`, `#`, `%` always escaped. */
function formEncode(s: string): string {
  return encodeURIComponent(s).replaceAll('%20', '+');
}

/**
 * The inverse of parseQuery for the editable table: every pair is written `name=value` (even with
 * an empty value) so parseQuery(buildQuery(pairs)) returns the same pairs.
 * @example buildQuery([['q','a b'],['x','']]) // 'q=a+b&x='
 */
export function buildQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');
}

/**
 * Replaces the query of `url` (fragment kept, nothing else touched); no pairs removes the `?`.
 * @example setQuery('http://h/p?old#f', [['a','1']]) // 'http://h/p?a=1#f'
 */
export function setQuery(url: string, pairs: readonly (readonly [string, string])[]): string {
  const p = splitUri(url);
  return recompose({ ...p, query: pairs.length === 0 ? null : buildQuery(pairs) });
}
