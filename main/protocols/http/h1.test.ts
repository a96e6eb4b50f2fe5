import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { memoryWire } from '../wire';
import { HttpClient } from './client';
import { serializeHead } from './h1';

/**
 * The HTTP/1.1 channel through HttpClient against scripted `net` servers: framing, reuse and its
 * refusals, errors, and splits of the response at every byte boundary over a real socket.
 */

interface Req {
  head: string;
  body: Buffer;
  /** 0-based index of the request on its connection */
  n: number;
}
type Handler = (s: Socket, r: Req) => void;

interface Srv {
  origin: string;
  connections: () => number;
  /** connections the client has closed (or that ended) */
  closed: () => number;
  heads: string[];
  close(): Promise<void>;
}

/** A server that reads request after request on each connection (heads + Content-Length bodies). */
async function serve(handler: Handler): Promise<Srv> {
  const sockets = new Set<Socket>();
  const heads: string[] = [];
  let count = 0;
  let closed = 0;
  const server: Server = createServer((s) => {
    count++;
    sockets.add(s);
    s.setNoDelay(true);
    s.on('error', () => {});
    s.on('close', () => {
      closed++;
      sockets.delete(s);
    });
    let buf = Buffer.alloc(0);
    let n = 0;
    s.on('data', (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        const len = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + len) return;
        const body = buf.subarray(end + 4, end + 4 + len);
        buf = buf.subarray(end + 4 + len);
        heads.push(head);
        handler(s, { head, body, n: n++ });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => count,
    closed: () => closed,
    heads,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

const ok = (body: string, extra: string[] = []) => ['HTTP/1.1 200 OK', 'Content-Type: text/plain', `Content-Length: ${Buffer.byteLength(body)}`, ...extra, '', body].join('\r\n');
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

let srv: Srv | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  client?.close();
  client = undefined;
  await srv?.close();
  srv = undefined;
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('HTTP/1.1 channel', () => {
  it('sends the head exactly as listed, and rides one connection for sequential requests', async () => {
    srv = await serve((s, r) => s.write(ok(`#${r.n}`)));
    client = new HttpClient();
    const a = await client.request({ url: `${srv.origin}/a?x=1`, headers: [['X-Two', 'b'], ['x-one', 'a'], ['X-Two', 'c']] });
    const b = await client.request({ url: `${srv.origin}/b` });
    const c = await client.request({ url: `${srv.origin}/c`, method: 'POST', body: 'k=v' });
    expect([a.text, b.text, c.text]).toEqual(['#0', '#1', '#2']);
    expect([a.hops[0].reused, b.hops[0].reused, c.hops[0].reused]).toEqual([false, true, true]);
    expect(srv.connections()).toBe(1);
    const host = new URL(srv.origin).host;
    expect(srv.heads[0]).toBe(`GET /a?x=1 HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Porthole/0.1\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate, br\r\nX-Two: b\r\nx-one: a\r\nX-Two: c\r\nConnection: keep-alive`);
    expect(srv.heads[2]).toMatch(/^POST \/c HTTP\/1\.1\r\n[^]*Content-Length: 3\r\n/);
  });

  it('a response split at every byte boundary on the socket reads the same', async () => {
    const res = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n3;e=1\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 2\r\n\r\n', 'latin1');
    srv = await serve((s, r) => {
      const i = Number(/^GET \/(\d+)/.exec(r.head)![1]);
      s.write(res.subarray(0, i));
      setTimeout(() => s.write(res.subarray(i)), 2);
    });
    client = new HttpClient();
    for (let i = 1; i < res.length; i++) {
      const r = await client.request({ url: `${srv.origin}/${i}` });
      expect([r.status, r.text, r.headers.length]).toEqual([200, 'abcde', 2]);
    }
    expect(srv.connections()).toBe(1);
  });

  it('a response trickled one byte per write reads the same', async () => {
    const res = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello', 'latin1');
    srv = await serve((s) => {
      let i = 0;
      const next = () => {
        if (i < res.length) s.write(res.subarray(i, ++i), () => setImmediate(next));
      };
      next();
    });
    client = new HttpClient();
    expect((await client.request({ url: `${srv.origin}/` })).text).toBe('hello');
  });

  it('100 Continue and 103 Early Hints are skipped; the final response counts', async () => {
    srv = await serve((s) => s.write(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n${ok('done', ['X-Final: yes'])}`));
    client = new HttpClient();
    const r = await client.request({ url: `${srv.origin}/`, method: 'POST', body: 'x', headers: [['Expect', '100-continue']] });
    expect([r.status, r.text, r.headers]).toEqual([200, 'done', [['Content-Type', 'text/plain'], ['Content-Length', '4'], ['X-Final', 'yes']]]);
  });

  it.each([
    ['a bad status line', 'HTTP/1.1 OK\r\n\r\n'],
    ['Content-Length with Transfer-Encoding (smuggling)', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\nabc'],
    ['a huge Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551617\r\n\r\nabc'],
  ])('%s: EPROTOCOL and the connection is dropped', async (_what, text) => {
    srv = await serve((s) => s.write(text));
    client = new HttpClient();
    const e = await failure(client.request({ url: `${srv.origin}/` }));
    expect(e.code).toBe('EPROTOCOL');
    expect(e.message).toMatch(/malformed HTTP response/);
  });

  it('a header flood by count: ELIMIT', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `X-${i}: y`).join('\r\n');
    srv = await serve((s) => s.write(`HTTP/1.1 200 OK\r\n${lines}\r\nContent-Length: 0\r\n\r\n`));
    client = new HttpClient();
    const e = await failure(client.request({ url: `${srv.origin}/` }));
    expect([e.code, e.message]).toEqual(['ELIMIT', expect.stringMatching(/headers too large/)]);
  });

  it.each([
    ['Connection: close', (s: Socket) => s.write(ok('x', ['Connection: close']))],
    ['HTTP/1.0', (s: Socket) => s.write('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx')],
    ['bytes nobody asked for after the response', (s: Socket) => s.write(`${ok('x')}HTTP/1.1 200 OK\r\n`)],
    ['a body that ends with the connection', (s: Socket) => s.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nx')],
  ])('%s: the next request opens a new connection', async (_what, reply) => {
    srv = await serve(reply);
    client = new HttpClient();
    const a = await client.request({ url: `${srv.origin}/` });
    await tick(5);
    const b = await client.request({ url: `${srv.origin}/` });
    expect([a.text, b.text, b.hops[0].reused]).toEqual(['x', 'x', false]);
    expect(srv.connections()).toBe(2);
  });

  it('a body that arrived whole but fails to decode: the error, and the socket is not reused', async () => {
    let first = true;
    srv = await serve((s) => {
      s.write(first ? 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nnotgz' : ok('x'));
      first = false;
    });
    client = new HttpClient();
    const e = await failure(client.request({ url: `${srv.origin}/` }));
    expect(e.code).toBe('EPROTOCOL');
    // closed by the client, not left open outside the pool
    await vi.waitFor(() => expect(srv!.closed()).toBe(1));
    const r = await client.request({ url: `${srv.origin}/` });
    expect([r.text, r.hops[0].reused]).toEqual(['x', false]);
    expect(srv.connections()).toBe(2);
  });

  it('HEAD and 304 read no body and keep the connection', async () => {
    srv = await serve((s, r) => s.write(r.n === 0 ? 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n' : 'HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n'));
    client = new HttpClient();
    const h = await client.request({ url: `${srv.origin}/`, method: 'HEAD' });
    const n = await client.request({ url: `${srv.origin}/` });
    expect([h.status, h.body.bytes, n.status, n.body.bytes, n.hops[0].reused]).toEqual([200, 0, 304, 0, true]);
  });

  it('a header value with CR LF is refused before anything is written', async () => {
    srv = await serve((s) => s.write(ok('x')));
    client = new HttpClient();
    const e = await failure(client.request({ url: `${srv.origin}/`, headers: [['X-A', 'a\r\nInjected: 1']] }));
    expect(e.code).toBe('EINVALID');
    expect(srv.heads).toEqual([]);
    expect(() => serializeHead('GET', '/a b', [])).toThrow(/request target/);
    expect(() => serializeHead('GE T', '/', [])).toThrow(/method/);
    expect(() => serializeHead('GET', '/', [['Bad Name', 'v']])).toThrow(/header name/);
  });

  it('cancel mid-body: ECANCELLED; the next request gets a fresh connection', async () => {
    let first = true;
    srv = await serve((s) => {
      s.write(first ? 'HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\nabc' : ok('x'));
      first = false;
    });
    client = new HttpClient();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(client.request({ url: `${srv.origin}/`, signal: ac.signal }));
    expect(e.code).toBe('ECANCELLED');
    const r = await client.request({ url: `${srv.origin}/` });
    expect([r.text, r.hops[0].reused]).toEqual(['x', false]);
  });

  it('per-request wire: each request writes its own transcript on a shared socket; the connection keeps the factory one', async () => {
    srv = await serve((s) => s.write(ok('x', ['Set-Cookie: s=secret'])));
    const conn = memoryWire();
    client = new HttpClient({ wire: () => conn });
    const a = memoryWire();
    const b = memoryWire();
    await client.request({ url: `${srv.origin}/a`, wire: a });
    await client.request({ url: `${srv.origin}/b`, wire: b, headers: [['Authorization', 'Bearer tok']] });
    expect(a.lines[0]).toMatch(/^\* connected to 127\.0\.0\.1:/);
    expect(a.lines).toContain('> GET /a HTTP/1.1');
    expect(a.lines.some((l) => l.includes('/b'))).toBe(false);
    expect(b.lines[0]).toBe('> GET /b HTTP/1.1');
    expect(b.lines).toContain('< HTTP/1.1 200 OK');
    expect(b.lines.join('\n')).not.toMatch(/tok|secret/);
    expect([a.closed, b.closed]).toEqual([false, false]);
    // the connection's own transcript has its opening but none of the requests
    expect(conn.lines.filter((l) => l.startsWith('* connected'))).toHaveLength(1);
    expect(conn.lines.some((l) => l.startsWith('>'))).toBe(false);
  });
});
