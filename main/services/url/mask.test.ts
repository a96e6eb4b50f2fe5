import { describe, expect, it } from 'vitest';
import type { Hop } from '../../../shared/ipc/urlFetch';
import { failureDetail, maskHeaderValue, maskHops } from './mask';

const hop = (requestHeaders: [string, string][], url = 'http://h/'): Hop => ({
  method: 'GET', url, httpVersion: '1.1', status: 200, reason: 'OK', requestHeaders, headers: [['Set-Cookie', 'a=1']],
  remoteAddress: '127.0.0.1', remotePort: 80, reused: false,
  timing: { dns: null, connect: 1, tls: null, ttfb: 1, download: 1, total: 3 }, tls: null,
});

describe('maskHeaderValue', () => {
  it('keeps the auth scheme and cookie names, hides the secrets', () => {
    expect(maskHeaderValue('Authorization', 'Basic dXNlcjpwYXNz')).toBe('Basic ****');
    expect(maskHeaderValue('authorization', 'Bearer abc.def')).toBe('Bearer ****');
    expect(maskHeaderValue('Proxy-Authorization', 'Basic eDp5')).toBe('Basic ****');
    expect(maskHeaderValue('Cookie', 'session=abc123; theme=dark')).toBe('session=****; theme=****');
    expect(maskHeaderValue('X-Api-Key', 'k-123')).toBe('****');
    expect(maskHeaderValue('Accept', 'text/html')).toBe('text/html');
  });
});

describe('maskHops', () => {
  it('masks request secrets and URL passwords, leaves response headers and the input alone', () => {
    const input = [hop([['Host', 'h'], ['Authorization', 'Basic dXNlcjpwYXNz'], ['Cookie', 'sid=s3cret']], 'http://u:pw@h/x')];
    const out = maskHops(input);
    expect(out[0].requestHeaders).toEqual([['Host', 'h'], ['Authorization', 'Basic ****'], ['Cookie', 'sid=****']]);
    expect(out[0].url).toBe('http://u:****@h/x');
    expect(out[0].headers).toEqual([['Set-Cookie', 'a=1']]);
    expect(JSON.stringify(out)).not.toMatch(/dXNlcjpwYXNz|s3cret|:pw@/);
    expect(input[0].requestHeaders[1][1]).toBe('Basic dXNlcjpwYXNz');
  });
});

describe('failureDetail', () => {
  it('gives ECERT fingerprints in the form trust.add takes, with host, port and chain', () => {
    const fp = 'ab'.repeat(32);
    const d = failureDetail({ hops: [], chain: [{ subject: 'CN=x' }], fingerprint: fp, host: 'localhost', port: 10443, reason: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(d.fingerprint).toBe(Array(32).fill('AB').join(':'));
    expect(d).toMatchObject({ host: 'localhost', port: 10443, reason: 'SELF_SIGNED_CERT_IN_CHAIN', chain: [{ subject: 'CN=x' }] });
  });

  it('always has hops (masked), whatever the engine attached', () => {
    expect(failureDetail(undefined)).toEqual({ hops: [] });
    const d = failureDetail({ hops: [hop([['Authorization', 'Bearer t0ken']])] });
    expect(d.hops[0].requestHeaders).toEqual([['Authorization', 'Bearer ****']]);
  });
});
