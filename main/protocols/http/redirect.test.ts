import { describe, expect, it } from 'vitest';
import { nextHeaders, nextMethod, resolveLocation } from './redirect';

describe('redirect method rules (Fetch §4.4)', () => {
  it.each([
    [301, 'POST', 'GET', false], [302, 'POST', 'GET', false], [301, 'PUT', 'PUT', true], [302, 'GET', 'GET', true],
    [303, 'POST', 'GET', false], [303, 'PUT', 'GET', false], [303, 'DELETE', 'GET', false], [303, 'HEAD', 'HEAD', true], [303, 'GET', 'GET', true],
    [307, 'POST', 'POST', true], [308, 'POST', 'POST', true], [307, 'PATCH', 'PATCH', true], [301, 'post', 'GET', false],
  ])('%i after %s → %s (body kept: %s)', (status, method, next, keep) => {
    expect(nextMethod(status, method)).toEqual({ method: next, keepBody: keep });
  });

  it('resolves relative Locations against the request URL, dropping fragments', () => {
    const r = resolveLocation('../page3.html#x', 'http://h:1/redirect/relative');
    expect(r.ok && r.url.href).toBe('http://h:1/page3.html');
    const abs = resolveLocation('https://other/x', 'http://h/');
    expect(abs.ok && abs.url.href).toBe('https://other/x');
  });

  it('refuses non-http(s) targets and unparsable ones', () => {
    expect(resolveLocation('file:///etc/passwd', 'http://h/')).toMatchObject({ ok: false, code: 'EPROTOCOL' });
    expect(resolveLocation('ftp://h/x', 'http://h/')).toMatchObject({ ok: false, code: 'EPROTOCOL' });
    expect(resolveLocation('javascript:alert(1)', 'http://h/')).toMatchObject({ ok: false, code: 'EPROTOCOL' });
    expect(resolveLocation('http://[::1', 'http://h/')).toMatchObject({ ok: false, code: 'EINVALID' });
  });

  it('drops body headers with the body and credentials on an origin change', () => {
    const h: [string, string][] = [['Content-Type', 'text/plain'], ['Authorization', 'Basic x'], ['Cookie', 'a=1'], ['X-Keep', '1'], ['Host', 'h']];
    expect(nextHeaders(h, false, true)).toEqual([['Authorization', 'Basic x'], ['Cookie', 'a=1'], ['X-Keep', '1']]);
    expect(nextHeaders(h, true, false)).toEqual([['Content-Type', 'text/plain'], ['X-Keep', '1']]);
  });
});
