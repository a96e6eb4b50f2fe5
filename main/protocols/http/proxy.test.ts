import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFromEnv, selectProxy } from './proxy';

describe('proxy selection', () => {
  it('NO_PROXY: *, suffixes with or without a dot, ports, IPv6', () => {
    expect(bypassesProxy('a.example.com', 80, 'example.com')).toBe(true);
    expect(bypassesProxy('example.com', 80, '.example.com')).toBe(true);
    expect(bypassesProxy('badexample.com', 80, 'example.com')).toBe(false);
    expect(bypassesProxy('h', 8080, 'h:8080')).toBe(true);
    expect(bypassesProxy('h', 80, 'h:8080')).toBe(false);
    expect(bypassesProxy('::1', 80, 'localhost, [::1]')).toBe(true);
    expect(bypassesProxy('anything', 1, ' * ')).toBe(true);
    expect(bypassesProxy('h', 80, undefined)).toBe(false);
  });

  it('from the environment (lowercase wins) and per request', () => {
    const env = { HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2', HTTPS_PROXY: 'p:3', NO_PROXY: 'internal' };
    expect(proxyFromEnv(new URL('http://x/'), env)).toEqual({ url: 'http://lower:2', noProxy: 'internal' });
    expect(selectProxy(new URL('https://x/'), proxyFromEnv(new URL('https://x/'), env))?.href).toBe('http://p:3/');
    expect(selectProxy(new URL('https://internal/'), proxyFromEnv(new URL('https://internal/'), env))).toBeNull();
    expect(() => selectProxy(new URL('http://x/'), { url: 'socks5://p:1' })).toThrow(/only http/);
  });
});
