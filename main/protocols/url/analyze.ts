import { idnInfo, type IdnInfo } from './idn';
import { parseQuery, percentDecode } from './query';
import { resolveReference, splitUri, type Rfc3986Parts } from './rfc3986';
import { differences, whatwgView, type Rfc3986Field, type WhatwgParts } from './whatwg';

/**
 * Everything the anatomy panel and `porthole url parse --json` show, computed by this one function
 * so the app and the CLI never disagree. Mirrors shared/ipc/urlAnatomy.ts (UrlAnatomy), which
 * this layer may not import; main/cli checks the two agree.
 */
export interface UrlAnatomy {
  input: string;
  rfc3986: Rfc3986Parts;
  whatwg: WhatwgParts | null;
  differences: Rfc3986Field[];
  queryParams: [string, string][];
  resolved?: string;
  base?: string;
  whatwgError: string | null;
  idn: IdnInfo | null;
  decoded: { path: string; query: string | null; fragment: string | null };
  warnings: string[];
}

/**
 * @example analyzeUrl('http://a/b/c/d;p?q#f').rfc3986.params // 'p'
 * @example analyzeUrl('../g', 'http://a/b/c/d;p?q').resolved // 'http://a/b/g'
 */
export function analyzeUrl(input: string, base?: string): UrlAnatomy {
  const rfc3986 = splitUri(input);
  const { parts: whatwg, error: whatwgError } = whatwgView(input);
  const idn = idnInfo(rfc3986.host);
  const warnings: string[] = [];

  if (whatwg === null) warnings.push(`browsers reject this URL: ${whatwgError}`);
  if (rfc3986.scheme === null) warnings.push('no scheme: this is a relative reference');
  if (idn?.mixedScript) warnings.push(`host mixes scripts (${idn.scripts.join(', ')}): possible look-alike domain`);
  if (idn !== null && idn.ascii === null) warnings.push('host is not a valid domain name (IDNA)');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  if (/[\s\u0000-\u001f\u007f]/.test(input)) warnings.push('contains whitespace or control characters');
  if (rfc3986.userinfo !== null && rfc3986.userinfo.includes(':')) warnings.push('password in the URL');

  const anatomy: UrlAnatomy = {
    input,
    rfc3986,
    whatwg,
    differences: differences(rfc3986, whatwg),
    queryParams: parseQuery(rfc3986.query),
    whatwgError,
    idn,
    decoded: {
      path: percentDecode(rfc3986.path),
      query: rfc3986.query === null ? null : percentDecode(rfc3986.query),
      fragment: rfc3986.fragment === null ? null : percentDecode(rfc3986.fragment),
    },
    warnings,
  };
  if (base !== undefined) {
    anatomy.base = base;
    anatomy.resolved = resolveReference(input, base);
    const b = splitUri(base);
    if (b.scheme === null) warnings.push('the base has no scheme: RFC 3986 §5.1 wants an absolute base URI');
  }
  return anatomy;
}
