/**
 * RFC 9309 path patterns: percent-encoding normalisation (§2.2.2) and a matcher for `*` and `$`
 * that never backtracks (so `/*a*a*a*a*b` against a long path cannot blow up as a regex would).
 */

const HEX = '0123456789ABCDEF';
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const hexVal = (c: number) => (c <= 57 ? c - 48 : (c | 0x20) - 87);
/** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~" */
const isUnreserved = (b: number) =>
  (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 45 || b === 46 || b === 95 || b === 126;
const pct = (b: number) => '%' + HEX[b >> 4] + HEX[b & 15];
const utf8 = new TextEncoder();

/**
 * One canonical spelling, applied to patterns and URL paths alike so they compare octet by octet:
 * `%XX` of an unreserved character is decoded (`%70` → `p`), other escapes get uppercase hex
 * (`%2f` → `%2F`), characters outside printable ASCII (non-ASCII, space, controls) are encoded as
 * UTF-8 escapes, and a `%` that starts no escape becomes `%25`. Reserved characters written raw
 * stay raw (`/` and `%2F` remain different, as the RFC wants). `*` and `$` are untouched.
 * @example normalizePath('/%70rivate/%e3%83%84') // '/private/%E3%83%84'
 */
export function normalizePath(s: string): string {
  // fast path: plain printable ASCII without escapes is already canonical
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 37) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      if (i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
        const b = hexVal(s.charCodeAt(i + 1)) * 16 + hexVal(s.charCodeAt(i + 2));
        out += isUnreserved(b) ? String.fromCharCode(b) : pct(b);
        i += 2;
      } else out += '%25';
    } else if (c < 0x21 || c > 0x7e) {
      // encode the whole code point (a surrogate pair is one character)
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of utf8.encode(ch)) out += pct(b);
      i += ch.length - 1;
    } else out += s[i];
  }
  return out;
}

/** A pattern split at its `*`s, with `$` (only meaningful at the very end) as an anchor. */
export interface CompiledPattern {
  /** normalised pattern text, `*` and `$` included: its length is the rule's priority */
  normalized: string;
  /** literal pieces between `*`s; the first must match at the start of the path */
  segments: string[];
  anchored: boolean;
  /** an empty pattern matches nothing (RFC 9309: `Disallow:` with no value allows all) */
  empty: boolean;
}

export function compilePattern(pattern: string): CompiledPattern {
  const normalized = normalizePath(pattern);
  const anchored = normalized.endsWith('$');
  const body = anchored ? normalized.slice(0, -1) : normalized;
  // "a**b" is "a*b": empty middle pieces would only cost time
  const segments = body.split('*').filter((seg, i, all) => seg !== '' || i === 0 || i === all.length - 1);
  return { normalized, segments, anchored, empty: normalized === '' };
}

/**
 * Does the pattern match the start of `path` (or all of it, with `$`)? Both are normalised.
 * Greedy leftmost placement of each middle piece is optimal: placing a piece earlier never leaves
 * less room for the rest. So each piece is searched once, left to right, and an anchored pattern
 * only needs its last piece to be a suffix that starts after the others end.
 */
export function matchPattern(p: CompiledPattern, path: string): boolean {
  if (p.empty) return false;
  const segs = p.segments;
  const first = segs[0];
  if (segs.length === 1) return p.anchored ? path === first : path.startsWith(first);
  if (!path.startsWith(first)) return false;
  let pos = first.length;
  const lastIdx = segs.length - 1;
  for (let k = 1; k < lastIdx; k++) {
    const at = path.indexOf(segs[k], pos);
    if (at < 0) return false;
    pos = at + segs[k].length;
  }
  const last = segs[lastIdx];
  if (p.anchored) return path.length - last.length >= pos && path.endsWith(last);
  return last === '' || path.indexOf(last, pos) >= 0;
}
