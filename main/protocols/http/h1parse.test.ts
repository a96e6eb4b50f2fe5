import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { ResponseParser, type ResponseHead } from './h1parse';

/** The parser alone, fed exactly the splits a socket might produce. */

interface Seen {
  heads: ResponseHead[];
  body: Buffer[];
  ends: boolean[];
}

function parser(maxHeaderBytes = 64 * 1024, maxHeaders = 1000, head = false) {
  const seen: Seen = { heads: [], body: [], ends: [] };
  const p = new ResponseParser({ head: (h) => void seen.heads.push(h), body: (c) => void seen.body.push(Buffer.from(c)), end: (x) => void seen.ends.push(x) }, maxHeaders);
  p.begin(head, maxHeaderBytes);
  return { p, seen };
}

/** feeds `parts` in order; returns what was seen or the AppError thrown */
function run(parts: Buffer[], opts: { maxHeaderBytes?: number; maxHeaders?: number; head?: boolean; eof?: boolean } = {}): Seen | AppError {
  const { p, seen } = parser(opts.maxHeaderBytes, opts.maxHeaders, opts.head);
  try {
    for (const part of parts) p.feed(part);
    if (opts.eof) p.eof();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  return seen;
}

const b = (s: string) => Buffer.from(s, 'latin1');
const ok = (r: Seen | AppError): Seen => {
  if (r instanceof AppError) throw new Error(`unexpected ${r.code}: ${r.message}`);
  return r;
};
const err = (r: Seen | AppError): AppError => {
  if (!(r instanceof AppError)) throw new Error('expected an error');
  return r;
};

const CHUNKED = b(
  'HTTP/1.1 100 Continue\r\n\r\n' +
    'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n' +
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '5;name=value;other="q;x"\r\nhello\r\n' +
    '1\r\n \r\n' +
    'A  ; ext\r\n0123456789\r\n' +
    '0\r\nX-Checksum: abc\r\nX-More: 1\r\n\r\n',
);

describe('ResponseParser', () => {
  it('a chunked response with 1xx, extensions and trailers: same result split at every byte boundary', () => {
    const whole = ok(run([CHUNKED]));
    expect(whole.heads).toHaveLength(1);
    expect(whole.heads[0]).toMatchObject({ httpVersion: 'HTTP/1.1', status: 200, reason: 'OK', keepAlive: true });
    expect(whole.heads[0].headers).toEqual([['Content-Type', 'text/plain'], ['Set-Cookie', 'a=1'], ['set-cookie', 'b=2'], ['Transfer-Encoding', 'chunked']]);
    expect(Buffer.concat(whole.body).toString()).toBe('hello 0123456789');
    expect(whole.ends).toEqual([false]);
    for (let i = 1; i < CHUNKED.length; i++) {
      const r = ok(run([CHUNKED.subarray(0, i), CHUNKED.subarray(i)]));
      expect([r.heads, Buffer.concat(r.body).toString(), r.ends]).toEqual([whole.heads, 'hello 0123456789', [false]]);
    }
    const bytes = ok(run([...CHUNKED].map((c) => Buffer.from([c]))));
    expect([bytes.heads, Buffer.concat(bytes.body).toString(), bytes.ends]).toEqual([whole.heads, 'hello 0123456789', [false]]);
  });

  it('Content-Length body split at every boundary; bytes after it are reported as pipelined', () => {
    const res = b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde');
    for (let i = 1; i < res.length; i++) {
      const r = ok(run([res.subarray(0, i), res.subarray(i)]));
      expect([Buffer.concat(r.body).toString(), r.ends]).toEqual(['abcde', [false]]);
    }
    expect(ok(run([Buffer.concat([res, b('HTTP/1.1 200 OK\r\n')])])).ends).toEqual([true]);
  });

  it('bare LF line ends, obs-fold, and optional whitespace around values', () => {
    const r = ok(run([b('HTTP/1.1 204 No Content\nX-A:   spaced \t\nX-B: one\r\n  two\n\n')]));
    expect(r.heads[0].headers).toEqual([['X-A', 'spaced'], ['X-B', 'one two']]);
    expect(r.ends).toEqual([false]);
  });

  it('HEAD, 204 and 304 have no body even with a Content-Length', () => {
    expect(ok(run([b('HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n')], { head: true })).ends).toEqual([false]);
    expect(ok(run([b('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n')])).ends).toEqual([false]);
  });

  it('no framing: the body runs until close and the connection is not reusable', () => {
    const r = ok(run([b('HTTP/1.1 200 OK\r\n\r\nsome'), b(' more')], { eof: true }));
    expect(r.heads[0].keepAlive).toBe(false);
    expect(Buffer.concat(r.body).toString()).toBe('some more');
    expect(r.ends).toEqual([false]);
  });

  it('HTTP/1.0 and Connection: close are not reusable', () => {
    expect(ok(run([b('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')])).heads[0].keepAlive).toBe(false);
    expect(ok(run([b('HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n')])).heads[0].keepAlive).toBe(false);
  });

  it.each([
    ['a bad status line', 'HTTP/1.1 2OO OK\r\n\r\n'],
    ['HTTP/0.9 style output', '<html>hello</html>\r\n\r\n'],
    ['an HTTP/2 status line', 'HTTP/2 200\r\n\r\n'],
    ['Content-Length with chunked (smuggling)', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['a huge Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n'],
    ['conflicting Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\n'],
    ['a bare CR in a value', 'HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n'],
    ['chunked not last', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['an oversized chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n'],
    ['chunk data without CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX'],
    ['a 101 nobody asked for', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'],
  ])('%s is EPROTOCOL', (_what, text) => {
    expect(err(run([b(text)])).code).toBe('EPROTOCOL');
  });

  it('identical repeated Content-Lengths are one length', () => {
    const r = ok(run([b('HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc')]));
    expect(Buffer.concat(r.body).toString()).toBe('abc');
  });

  it('a chunk-size line longer than 4 KiB is EPROTOCOL, even when it never ends', () => {
    const head = b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;');
    expect(err(run([head, Buffer.alloc(5000, 'x')])).message).toMatch(/chunk-size line/);
  });

  it('header flood: ELIMIT by size (even within one endless line) and by count', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `X-${i}: ${'y'.repeat(40)}`).join('\r\n');
    const big = err(run([b(`HTTP/1.1 200 OK\r\n${lines}\r\n\r\n`)], { maxHeaders: 5000 }));
    expect([big.code, big.message]).toEqual(['ELIMIT', expect.stringMatching(/headers too large.*size limit/)]);
    const many = err(run([b(`HTTP/1.1 200 OK\r\n${lines}\r\n\r\n`)], { maxHeaders: 1000, maxHeaderBytes: 1 << 20 }));
    expect([many.code, many.message]).toEqual(['ELIMIT', expect.stringMatching(/headers too large.*1000 header lines/)]);
    const endless = err(run([b('HTTP/1.1 200 OK\r\nX: '), ...Array.from({ length: 100 }, () => Buffer.alloc(1000, 'z'))], { maxHeaderBytes: 65536 }));
    expect(endless.code).toBe('ELIMIT');
  });

  it('trailers are capped too', () => {
    const trailers = Array.from({ length: 100 }, (_, i) => `X-${i}: ${'t'.repeat(100)}`).join('\r\n');
    const e = err(run([b(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n${trailers}\r\n\r\n`)], { maxHeaderBytes: 4096 }));
    expect(e.code).toBe('ELIMIT');
  });

  it('endless interim responses stop', () => {
    expect(err(run([b('HTTP/1.1 100 Continue\r\n\r\n'.repeat(40))])).code).toBe('EPROTOCOL');
  });

  it('a close before the head or mid-body is ECONNECTION saying which', () => {
    expect(err(run([], { eof: true })).message).toMatch(/without a response/);
    const mid = err(run([b('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc')], { eof: true }));
    expect([mid.code, mid.message]).toEqual(['ECONNECTION', expect.stringMatching(/before the response was complete/)]);
  });
});
