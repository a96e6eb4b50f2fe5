import { describe, expect, it } from 'vitest';
import { analyzeUrl } from './analyze';
import { idnInfo, scriptsIn } from './idn';
import { buildQuery, parseQuery, percentDecode, setQuery } from './query';

describe('analyzeUrl', () => {
  it('gives the issue shape for http://a/b/c/d;p?q#f', () => {
    const a = analyzeUrl('http://a/b/c/d;p?q#f');
    expect(a.input).toBe('http://a/b/c/d;p?q#f');
    expect(a.whatwg).toEqual({
      href: 'http://a/b/c/d;p?q#f', protocol: 'http:', username: '', password: '', hostname: 'a',
      port: '', pathname: '/b/c/d;p', search: '?q', hash: '#f',
    });
    expect(a.differences).toEqual([]);
    expect(a.queryParams).toEqual([['q', '']]);
    expect(a.resolved).toBeUndefined();
  });

  it('sets notation aside: scheme case, lone ?/#, default port, empty userinfo', () => {
    expect(analyzeUrl('HTTP://h:80/p?#').differences).toEqual([]);
    expect(analyzeUrl('https://@h:443/').differences).toEqual([]);
    expect(analyzeUrl('http://u:@h:/').differences).toEqual([]);
    expect(analyzeUrl('ws://h:80/').differences).toEqual([]);
  });

  it('flags what the WHATWG parser actually changes', () => {
    expect(analyzeUrl('http://Example.com:80/a b').differences).toEqual(['authority', 'host', 'path']);
    expect(analyzeUrl('http://h:8080/a/../b').differences).toEqual(['path']);
    expect(analyzeUrl('http://h').differences).toEqual(['path']);
    expect(analyzeUrl('http://h:080/').differences).toEqual(['authority', 'port']);
    expect(analyzeUrl('http://[0:0::1]/').differences).toEqual(['authority', 'host']);
    expect(analyzeUrl('http://h/?a b#c d').differences).toEqual(['query', 'fragment']);
    expect(analyzeUrl('http://h/x/../a;b').differences).toEqual(['path']);
    expect(analyzeUrl('http://h/x;p/../a').differences).toEqual(['path']);
  });

  it('reports authority presence and params through their parts', () => {
    // the WHATWG parser reads http:g as http://g/
    expect(analyzeUrl('http:g').differences).toEqual(['authority', 'host', 'path']);
    expect(analyzeUrl('http://h/a;x/../b;y').differences).toEqual(['path']);
    expect(analyzeUrl('http://h/x;a b').differences).toEqual(['path', 'params']);
    expect(analyzeUrl('mailto:a@b').differences).toEqual([]);
    expect(analyzeUrl('file:///etc/hosts').differences).toEqual([]);
  });

  it('is null on the WHATWG side for what the parser rejects, with no differences', () => {
    const a = analyzeUrl('http://exa mple.com/');
    expect(a.whatwg).toBeNull();
    expect(a.whatwgError).toMatch(/Invalid URL/);
    expect(a.differences).toEqual([]);
    expect(a.rfc3986.host).toBe('exa mple.com');
    expect(analyzeUrl('/just/a/path').whatwg).toBeNull();
  });

  it('resolves against a base by RFC 3986, not urljoin', () => {
    expect(analyzeUrl('http:g', 'http://a/b/c/d;p?q').resolved).toBe('http:g');
    expect(analyzeUrl('../g', 'http://a/b/c/d;p?q').resolved).toBe('http://a/b/g');
    expect(analyzeUrl('g', 'b/c').warnings.join()).toMatch(/absolute base/);
  });

  it('decodes path, query and fragment for display only', () => {
    const a = analyzeUrl('http://h/a%20b/%E2%82%AC?x=%zz#%41');
    expect(a.decoded).toEqual({ path: '/a b/€', query: 'x=%zz', fragment: 'A' });
    expect(a.rfc3986.path).toBe('/a%20b/%E2%82%AC');
  });

  it('shows IDN hosts both ways and warns on mixed scripts', () => {
    const a = analyzeUrl('http://bücher.de/');
    expect(a.idn).toMatchObject({ ascii: 'xn--bcher-kva.de', unicode: 'bücher.de', mixedScript: false });
    expect(a.differences).toContain('host');
    const spoof = analyzeUrl('https://pаypal.com/'); // Cyrillic а
    expect(spoof.idn?.mixedScript).toBe(true);
    expect(spoof.idn?.scripts.sort()).toEqual(['Cyrillic', 'Latin']);
    expect(spoof.warnings.join()).toMatch(/mixes scripts/);
  });
});

describe('idn', () => {
  it('accepts single-script and TR39-allowed mixes', () => {
    expect(idnInfo('xn--80ak6aa92e.com')?.mixedScript).toBe(false); // apple.com in Cyrillic only
    expect(idnInfo('東京タワーabc.jp')?.mixedScript).toBe(false);
    expect(idnInfo('latin.ελληνικά.gr')?.mixedScript).toBe(false); // mixed across labels, not within
    expect(idnInfo('ab-αβ.gr')?.mixedScript).toBe(true);
  });
  it('has nothing to say about IP literals', () => {
    expect(idnInfo('[::1]')).toBeNull();
    expect(idnInfo('127.0.0.1')).toBeNull();
    expect(idnInfo(null)).toBeNull();
  });
  it('names scripts of letters only', () => {
    expect(scriptsIn('a1-b')).toEqual(['Latin']);
    expect(scriptsIn('123')).toEqual([]);
  });
});

describe('query table', () => {
  it('keeps empty names and values, and the empty piece between &&', () => {
    expect(parseQuery('a=&=b&&c')).toEqual([['a', ''], ['', 'b'], ['', ''], ['c', '']]);
  });
  it('splits on the first = and decodes + and %', () => {
    expect(parseQuery('q=a+b%2Bc&x=1=2&%E2%82%AC=%zz')).toEqual([['q', 'a b+c'], ['x', '1=2'], ['€', '%zz']]);
    expect(parseQuery(null)).toEqual([]);
    expect(parseQuery('')).toEqual([]);
  });
  it('round-trips through buildQuery', () => {
    const pairs: [string, string][] = [['a', ''], ['', 'b'], ['', ''], ['c d', 'x&y=z+#%']];
    expect(parseQuery(buildQuery(pairs))).toEqual(pairs);
    expect(buildQuery([['q', 'a b']])).toBe('q=a+b');
  });
  it('setQuery replaces only the query', () => {
    expect(setQuery('http://h/p?old=1#frag', [['n', 'v w']])).toBe('http://h/p?n=v+w#frag');
    expect(setQuery('http://h/p?old=1#frag', [])).toBe('http://h/p#frag');
    expect(setQuery('rel', [['a', '1']])).toBe('rel?a=1');
  });
  it('percentDecode leaves malformed escapes and replaces invalid UTF-8', () => {
    expect(percentDecode('%4')).toBe('%4');
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('%FF')).toBe('\uFFFD');
  });
});
