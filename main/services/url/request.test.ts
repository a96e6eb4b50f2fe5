import { describe, expect, it } from 'vitest';
import { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { headersAndBody, proxyFor } from './request';

const req = (r: Partial<UrlFetchRequest>) => UrlFetchRequest.parse({ url: 'http://h/', ...r });
const settings = (mode: 'env' | 'manual' | 'none', url = '', noProxy = '') => ({ mode, url, noProxy });

describe('headersAndBody', () => {
  it('the auth tab replaces a typed Authorization; the body type is added unless typed', () => {
    const r = headersAndBody(req({ headers: [['authorization', 'Bearer old'], ['A', '1']], auth: { kind: 'basic', user: 'user', password: 'pass' }, body: { kind: 'json', text: '{}' } }));
    expect(r.headers).toEqual([['A', '1'], ['Authorization', 'Basic dXNlcjpwYXNz'], ['Content-Type', 'application/json']]);
    expect(r.body?.toString()).toBe('{}');
    const typed = headersAndBody(req({ headers: [['content-type', 'text/x']], body: { kind: 'form', fields: [['a b', 'c&d']] } }));
    expect(typed.headers).toEqual([['content-type', 'text/x']]);
    expect(typed.body?.toString()).toBe('a+b=c%26d');
  });

  it('multipart files arrive base64 and go out as bytes', () => {
    const r = headersAndBody(req({ body: { kind: 'multipart', fields: [], files: [{ name: 'f', filename: 'a.bin', dataBase64: Buffer.from([1, 2, 3]).toString('base64') }] } }));
    expect(r.headers[0][1]).toMatch(/^multipart\/form-data; boundary=/);
    expect(r.body!.includes(Buffer.from([1, 2, 3]))).toBe(true);
  });

  it('refuses header injection and unusable credentials as EINVALID', () => {
    expect(() => headersAndBody(req({ headers: [['X', 'a\r\nEvil: 1']] }))).toThrow(expect.objectContaining({ code: 'EINVALID' }));
    expect(() => headersAndBody(req({ headers: [['Bad Name', 'x']] }))).toThrow(expect.objectContaining({ code: 'EINVALID' }));
    expect(() => headersAndBody(req({ auth: { kind: 'basic', user: 'a:b', password: 'x' } }))).toThrow(expect.objectContaining({ code: 'EINVALID' }));
  });
});

describe('proxyFor', () => {
  const env = { HTTP_PROXY: 'http://envproxy:3128', HTTPS_PROXY: 'http://envs:3128', NO_PROXY: 'localhost' };
  it('request proxy, else settings: env / manual / none', () => {
    expect(proxyFor('http://h/', { url: 'http://mine:1' }, settings('none'), env)).toEqual({ url: 'http://mine:1', noProxy: undefined });
    expect(proxyFor('http://h/', { url: '' }, settings('env'), env)).toBeUndefined();
    expect(proxyFor('http://h/', undefined, settings('env'), env)).toEqual({ url: 'http://envproxy:3128', noProxy: 'localhost' });
    expect(proxyFor('https://h/', undefined, settings('env'), env)).toEqual({ url: 'http://envs:3128', noProxy: 'localhost' });
    expect(proxyFor('http://h/', undefined, settings('env'), {})).toBeUndefined();
    expect(proxyFor('http://h/', undefined, settings('manual', 'proxy:8080', '.local'), env)).toEqual({ url: 'proxy:8080', noProxy: '.local' });
    expect(proxyFor('http://h/', undefined, settings('manual'), env)).toBeUndefined();
    expect(proxyFor('http://h/', undefined, settings('none', 'http://x:1'), env)).toBeUndefined();
  });

  it('only http:// proxies', () => {
    expect(() => proxyFor('http://h/', { url: 'socks5://p:1080' }, settings('none'), {})).toThrow(expect.objectContaining({ code: 'EINVALID' }));
  });
});
