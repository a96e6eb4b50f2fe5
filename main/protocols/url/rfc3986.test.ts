import { describe, expect, it } from 'vitest';
import { pathParams, recompose, removeDotSegments, resolveReference, splitUri } from './rfc3986';

const BASE = 'http://a/b/c/d;p?q';

// RFC 3986 §5.4.1, every example
const NORMAL: [string, string][] = [
  ['g:h', 'g:h'],
  ['g', 'http://a/b/c/g'],
  ['./g', 'http://a/b/c/g'],
  ['g/', 'http://a/b/c/g/'],
  ['/g', 'http://a/g'],
  ['//g', 'http://g'],
  ['?y', 'http://a/b/c/d;p?y'],
  ['g?y', 'http://a/b/c/g?y'],
  ['#s', 'http://a/b/c/d;p?q#s'],
  ['g#s', 'http://a/b/c/g#s'],
  ['g?y#s', 'http://a/b/c/g?y#s'],
  [';x', 'http://a/b/c/;x'],
  ['g;x', 'http://a/b/c/g;x'],
  ['g;x?y#s', 'http://a/b/c/g;x?y#s'],
  ['', 'http://a/b/c/d;p?q'],
  ['.', 'http://a/b/c/'],
  ['./', 'http://a/b/c/'],
  ['..', 'http://a/b/'],
  ['../', 'http://a/b/'],
  ['../g', 'http://a/b/g'],
  ['../..', 'http://a/'],
  ['../../', 'http://a/'],
  ['../../g', 'http://a/g'],
];

// RFC 3986 §5.4.2, every example (strict parser for the last one)
const ABNORMAL: [string, string][] = [
  ['../../../g', 'http://a/g'],
  ['../../../../g', 'http://a/g'],
  ['/./g', 'http://a/g'],
  ['/../g', 'http://a/g'],
  ['g.', 'http://a/b/c/g.'],
  ['.g', 'http://a/b/c/.g'],
  ['g..', 'http://a/b/c/g..'],
  ['..g', 'http://a/b/c/..g'],
  ['./../g', 'http://a/b/g'],
  ['./g/.', 'http://a/b/c/g/'],
  ['g/./h', 'http://a/b/c/g/h'],
  ['g/../h', 'http://a/b/c/h'],
  ['g;x=1/./y', 'http://a/b/c/g;x=1/y'],
  ['g;x=1/../y', 'http://a/b/c/y'],
  ['g?y/./x', 'http://a/b/c/g?y/./x'],
  ['g?y/../x', 'http://a/b/c/g?y/../x'],
  ['g#s/./x', 'http://a/b/c/g#s/./x'],
  ['g#s/../x', 'http://a/b/c/g#s/../x'],
  ['http:g', 'http:g'],
];

describe('resolveReference (RFC 3986 §5.4)', () => {
  it.each(NORMAL)('normal: %j → %s', (ref, want) => expect(resolveReference(ref, BASE)).toBe(want));
  it.each(ABNORMAL)('abnormal: %j → %s', (ref, want) => expect(resolveReference(ref, BASE)).toBe(want));
  it('merges onto "/" when the base has an authority and an empty path', () => {
    expect(resolveReference('g', 'http://a')).toBe('http://a/g');
  });
  it('keeps a base without authority authority-less', () => {
    expect(resolveReference('b', 'urn:a')).toBe('urn:b');
    expect(resolveReference('../x', 'foo:a/b/c')).toBe('foo:a/x');
  });
});

describe('removeDotSegments (§5.2.4)', () => {
  it('does the RFC walk-throughs', () => {
    expect(removeDotSegments('/a/b/c/./../../g')).toBe('/a/g');
    expect(removeDotSegments('mid/content=5/../6')).toBe('mid/6');
  });
  it('handles edge inputs', () => {
    expect(removeDotSegments('')).toBe('');
    expect(removeDotSegments('/..')).toBe('/');
    expect(removeDotSegments('..')).toBe('');
    expect(removeDotSegments('/a/..')).toBe('/');
    expect(removeDotSegments('a/./b/')).toBe('a/b/');
  });
});

describe('splitUri (Appendix B)', () => {
  it('splits the issue example', () => {
    expect(splitUri('http://a/b/c/d;p?q#f')).toEqual({
      scheme: 'http', authority: 'a', userinfo: null, host: 'a', port: null,
      path: '/b/c/d;p', params: 'p', query: 'q', fragment: 'f',
    });
  });
  it('tells absent (null) from present-but-empty ("")', () => {
    const p = splitUri('http://@:?#');
    expect(p).toMatchObject({ authority: '@:', userinfo: '', host: '', port: '', path: '', query: '', fragment: '' });
    const q = splitUri('mailto:x@y');
    expect(q).toMatchObject({ scheme: 'mailto', authority: null, userinfo: null, host: null, port: null, path: 'x@y', query: null, fragment: null });
  });
  it('keeps IPv6 brackets, the port as written, and decodes nothing', () => {
    expect(splitUri('https://u:p%40ss@[::1]:0443/a%20b')).toMatchObject({
      userinfo: 'u:p%40ss', host: '[::1]', port: '0443', path: '/a%20b',
    });
    expect(splitUri('http://[fe80::1%25eth0]/')).toMatchObject({ host: '[fe80::1%25eth0]', port: null });
    expect(splitUri('http://[::1/')).toMatchObject({ authority: '[::1', host: '[::1', port: null });
  });
  it('splits userinfo at the last @ and the host at the first :', () => {
    expect(splitUri('http://a@b@c:1:2/')).toMatchObject({ userinfo: 'a@b', host: 'c', port: '1:2' });
  });
  it('never fails, whatever the input', () => {
    for (const s of ['', ':', '//', '?', '#', 'a b\nc', '::::', '%%%', '\u0000', 'C:\\x']) {
      const p = splitUri(s);
      expect(recompose(p)).toBe(s);
    }
    expect(splitUri('')).toMatchObject({ scheme: null, authority: null, path: '', query: null, fragment: null });
    expect(splitUri(':x')).toMatchObject({ scheme: null, path: ':x' });
  });
  it('takes a relative reference as given', () => {
    expect(splitUri('//h/p?q')).toMatchObject({ scheme: null, authority: 'h', host: 'h', path: '/p', query: 'q' });
    expect(splitUri('g;x?y#s')).toMatchObject({ scheme: null, path: 'g;x', params: 'x', query: 'y', fragment: 's' });
  });
});

describe('pathParams', () => {
  it('takes text after the first ; following the last /', () => {
    expect(pathParams('/b/c/d;p')).toBe('p');
    expect(pathParams('/b/c/d;p;q')).toBe('p;q');
    expect(pathParams('/a;x/b')).toBeNull();
    expect(pathParams('/a;x/b;')).toBe('');
    expect(pathParams(';x')).toBe('x');
    expect(pathParams('')).toBeNull();
  });
});
