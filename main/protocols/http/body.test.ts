import { describe, expect, it } from 'vitest';
import { basicAuth, bearerAuth, parseBasic } from './auth';
import { buildBody, buildMultipart, formUrlEncode } from './body';
import { decodeText, isTextual, parseContentType } from './charset';
import { maskHeader } from './wireLog';

describe('request bodies', () => {
  it('form urlencoded as WHATWG serialises it', () => {
    expect(formUrlEncode([['a b', 'c&d'], ['e', 'ü=']])).toBe('a+b=c%26d&e=%C3%BC%3D');
    expect(buildBody({ kind: 'form', fields: [['x', '1']] })).toEqual({ body: Buffer.from('x=1'), contentType: 'application/x-www-form-urlencoded' });
    expect(buildBody({ kind: 'json', text: '{"a":1}' }).contentType).toBe('application/json');
    expect(buildBody({ kind: 'none' })).toEqual({ body: null, contentType: null });
  });

  it('multipart: fields, files with bytes, a terminating boundary', () => {
    const data = Uint8Array.from([0, 1, 2, 255]);
    const { body, contentType } = buildMultipart([['title', 'héllo']], [{ name: 'up', filename: 'a "b".bin', contentType: 'application/x-test', data }], 'BOUNDARY');
    expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const expected = Buffer.concat([
      Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="title"\r\n\r\nhéllo\r\n'),
      Buffer.from('--BOUNDARY\r\nContent-Disposition: form-data; name="up"; filename="a %22b%22.bin"\r\nContent-Type: application/x-test\r\n\r\n'),
      Buffer.from(data), Buffer.from('\r\n--BOUNDARY--\r\n'),
    ]);
    expect(body.equals(expected)).toBe(true);
  });

  it('multipart: random boundaries differ and never occur in the content', () => {
    const a = buildMultipart([['f', 'v']], []);
    const b = buildMultipart([['f', 'v']], []);
    expect(a.contentType).not.toBe(b.contentType);
    expect(a.contentType).toMatch(/^multipart\/form-data; boundary=----PortholeBoundary[0-9a-f]{24}$/);
  });
});

describe('auth helpers', () => {
  it('basic and bearer', () => {
    expect(basicAuth('user', 'pass')).toBe('Basic dXNlcjpwYXNz');
    expect(parseBasic(basicAuth('ü', 'p:w'))).toEqual({ user: 'ü', password: 'p:w' });
    expect(() => basicAuth('a:b', 'x')).toThrow();
    expect(bearerAuth('tok')).toBe('Bearer tok');
    expect(() => bearerAuth('a\nb')).toThrow();
  });
});

describe('header masking on the wire', () => {
  it('keeps the scheme and cookie names, hides the secrets', () => {
    expect(maskHeader('Authorization', 'Basic dXNlcjpwYXNz')).toBe('Authorization: Basic ****');
    expect(maskHeader('Authorization', 'Bearer abc.def')).toBe('Authorization: Bearer ****');
    expect(maskHeader('Cookie', 'a=1; b=2')).toBe('Cookie: a=****; b=****');
    expect(maskHeader('Set-Cookie', 'session=abc123; Path=/; HttpOnly')).toBe('Set-Cookie: session=****; Path=/; HttpOnly');
    expect(maskHeader('Accept', '*/*')).toBe('Accept: */*');
  });
});

describe('charset', () => {
  it('parses Content-Type parameters', () => {
    expect(parseContentType('text/html; charset="ISO-8859-1"')).toEqual({ type: 'text/html', charset: 'iso-8859-1' });
    expect(parseContentType('application/json')).toEqual({ type: 'application/json', charset: null });
    expect(parseContentType(null)).toEqual({ type: null, charset: null });
  });

  it('decodes by charset, invalid bytes become U+FFFD, unknown labels fall back to UTF-8', () => {
    expect(decodeText(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]), 'iso-8859-1')).toEqual({ text: 'Grüße', charset: 'windows-1252' });
    expect(decodeText(Buffer.from([0x61, 0xff, 0x62]), 'utf-8').text).toBe('a\uFFFDb');
    expect(decodeText(Buffer.from('ok'), 'no-such-charset')).toEqual({ text: 'ok', charset: 'utf-8' });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x68]), null).text).toBe('h');
  });

  it('knows which types are text', () => {
    for (const t of ['text/plain', 'application/json', 'application/ld+json', 'image/svg+xml', 'application/javascript']) expect(isTextual(t)).toBe(true);
    for (const t of ['image/png', 'application/octet-stream', null]) expect(isTextual(t)).toBe(false);
  });
});
