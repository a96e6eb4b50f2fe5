import { describe, expect, it } from 'vitest';
import { compilePattern, matchPattern, normalizePath } from './pattern';

const m = (pattern: string, path: string) => matchPattern(compilePattern(pattern), normalizePath(path));

describe('normalizePath', () => {
  it('decodes unreserved escapes and uppercases the rest', () => {
    expect(normalizePath('/%70rivate')).toBe('/private');
    expect(normalizePath('/%7e%2d%2E%5F')).toBe('/~-._');
    expect(normalizePath('/a%2fb%3a')).toBe('/a%2Fb%3A');
  });
  it('encodes non-ASCII, spaces and controls as UTF-8 escapes', () => {
    expect(normalizePath('/ツ')).toBe('/%E3%83%84');
    expect(normalizePath('/a b\t')).toBe('/a%20b%09');
    expect(normalizePath('/😀')).toBe('/%F0%9F%98%80');
  });
  it('turns a % that starts no escape into %25', () => {
    expect(normalizePath('/100%')).toBe('/100%25');
    expect(normalizePath('/%zz%4')).toBe('/%25zz%254');
    expect(normalizePath('/%25')).toBe('/%25');
  });
  it('leaves plain ASCII, * and $ alone', () => {
    expect(normalizePath('/a/*.php$')).toBe('/a/*.php$');
  });
});

describe('matchPattern', () => {
  it('is a prefix match without $', () => {
    expect(m('/fish', '/fish.html')).toBe(true);
    expect(m('/fish', '/fis')).toBe(false);
    expect(m('/', '/anything')).toBe(true);
  });
  it('anchors with a trailing $ only', () => {
    expect(m('/fish$', '/fish')).toBe(true);
    expect(m('/fish$', '/fish/')).toBe(false);
    expect(m('/a$b', '/a$bc')).toBe(true); // $ inside is a literal
  });
  it('* matches any run, including none', () => {
    expect(m('/*.php', '/index.php')).toBe(true);
    expect(m('/*.php', '/.php')).toBe(true);
    expect(m('/a*b*c$', '/axxbyyc')).toBe(true);
    expect(m('/a*b*c$', '/axxbyycd')).toBe(false);
    expect(m('/a*b*c$', '/abcbc')).toBe(true);
    expect(m('/a**b', '/aXb')).toBe(true);
    expect(m('*', '/')).toBe(true);
    expect(m('/*$', '/x')).toBe(true);
    expect(m('/a*$', '/a')).toBe(true);
  });
  it('an anchored last piece must start after the middle pieces', () => {
    expect(m('/*ab*ba$', '/aba')).toBe(false);
    expect(m('/*ab*ba$', '/abba')).toBe(true);
  });
  it('an empty pattern matches nothing', () => {
    expect(m('', '/')).toBe(false);
  });
});
