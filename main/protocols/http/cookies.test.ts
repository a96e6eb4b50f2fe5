import { describe, expect, it } from 'vitest';
import { CookieJar, defaultPath, domainMatch, parseCookieDate, parseSetCookie, pathMatch } from './cookies';

const u = (s: string) => new URL(s);
const NOW = Date.UTC(2030, 0, 1);

describe('RFC 6265 cookie jar', () => {
  it('parses dates the way §5.1.1 says', () => {
    expect(parseCookieDate('Wed, 09 Jun 2021 10:18:14 GMT')).toBe(Date.UTC(2021, 5, 9, 10, 18, 14));
    expect(parseCookieDate('Wednesday, 09-Jun-21 10:18:14 GMT')).toBe(Date.UTC(2021, 5, 9, 10, 18, 14));
    expect(parseCookieDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseCookieDate('31 Feb 2021 00:00:00')).toBeNull();
    expect(parseCookieDate('garbage')).toBeNull();
  });

  it('domain-match, path-match, default-path', () => {
    expect(domainMatch('www.example.com', 'example.com')).toBe(true);
    expect(domainMatch('badexample.com', 'example.com')).toBe(false);
    expect(domainMatch('1.2.3.4', '2.3.4')).toBe(false);
    expect(pathMatch('/a/b', '/a')).toBe(true);
    expect(pathMatch('/ab', '/a')).toBe(false);
    expect(pathMatch('/a/b', '/a/')).toBe(true);
    expect(defaultPath('/a/b/c')).toBe('/a/b');
    expect(defaultPath('/a')).toBe('/');
    expect(defaultPath('')).toBe('/');
  });

  it('host-only vs domain cookies', () => {
    const jar = new CookieJar();
    jar.setFromResponse(u('http://www.example.com/'), ['h=1', 'd=2; Domain=.example.com'], NOW);
    expect(jar.header(u('http://www.example.com/'), NOW)).toBe('h=1; d=2');
    expect(jar.header(u('http://sub.example.com/'), NOW)).toBe('d=2');
    expect(jar.header(u('http://example.com/'), NOW)).toBe('d=2');
    expect(jar.header(u('http://other.com/'), NOW)).toBeNull();
  });

  it('refuses foreign and TLD domains, and Secure from plain http', () => {
    expect(parseSetCookie('a=1; Domain=other.com', u('http://www.example.com/'), NOW)).toBeNull();
    expect(parseSetCookie('a=1; Domain=com', u('http://www.example.com/'), NOW)).toBeNull();
    expect(parseSetCookie('a=1; Secure', u('http://example.com/'), NOW)).toBeNull();
    expect(parseSetCookie('a=1; Secure', u('https://example.com/'), NOW)?.secure).toBe(true);
  });

  it('secure cookies go only over https; paths order the header, longest first', () => {
    const jar = new CookieJar();
    jar.setFromResponse(u('https://h.test/app/x'), ['s=1; Secure; Path=/', 'p=2; Path=/app', 'q=3'], NOW);
    expect(jar.header(u('https://h.test/app/y'), NOW)).toBe('p=2; q=3; s=1');
    expect(jar.header(u('http://h.test/app/y'), NOW)).toBe('p=2; q=3');
    expect(jar.header(u('https://h.test/other'), NOW)).toBe('s=1');
  });

  it('Max-Age beats Expires; expiry removes; replacing keeps creation order', () => {
    const jar = new CookieJar();
    jar.setFromResponse(u('http://h.test/'), ['a=1; Max-Age=10; Expires=Wed, 09 Jun 2021 10:18:14 GMT', 'b=2'], NOW);
    expect(jar.header(u('http://h.test/'), NOW)).toBe('a=1; b=2');
    expect(jar.header(u('http://h.test/'), NOW + 11_000)).toBe('b=2');
    jar.setFromResponse(u('http://h.test/'), ['a=9'], NOW + 20_000);
    jar.setFromResponse(u('http://h.test/'), ['b=3'], NOW + 30_000);
    expect(jar.header(u('http://h.test/'), NOW + 30_000)).toBe('b=3; a=9');
    jar.setFromResponse(u('http://h.test/'), ['b=; Max-Age=0'], NOW + 40_000);
    expect(jar.header(u('http://h.test/'), NOW + 40_000)).toBe('a=9');
  });

  it('is listable and editable for the UI', () => {
    const jar = new CookieJar();
    jar.setFromResponse(u('http://h.test/'), ['a=1; HttpOnly; SameSite=Lax'], NOW);
    const [c] = jar.list(NOW);
    expect(c).toMatchObject({ name: 'a', value: '1', domain: 'h.test', path: '/', hostOnly: true, httpOnly: true, sameSite: 'Lax', expires: null });
    jar.set({ ...c, value: 'edited' }, NOW);
    expect(jar.header(u('http://h.test/'), NOW)).toBe('a=edited');
    expect(jar.delete('h.test', '/', 'a')).toBe(true);
    expect(jar.list(NOW)).toEqual([]);
  });

  it('IPv6 hosts and IP literals are host-only', () => {
    const jar = new CookieJar();
    jar.setFromResponse(u('http://[::1]:8080/'), ['v6=1'], NOW);
    expect(jar.header(u('http://[::1]:9090/x'), NOW)).toBe('v6=1');
    expect(parseSetCookie('a=1; Domain=0.0.1', u('http://127.0.0.1/'), NOW)).toBeNull();
  });
});
