import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { Scripted } from '../../../testkit/hostile/server';
import * as hostile from '../../../testkit/hostile/http';
import { HttpClient } from './client';

/** Each hostile server must end in a clear AppError, never a hang, a crash or unbounded memory. */

let client: HttpClient;
let server: Scripted | undefined;
beforeAll(() => {
  client = new HttpClient();
});
afterAll(() => client.close());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('hostile servers', () => {
  it('decompression bomb: 1 GiB of gzip-ed zeros stops at a 10 MiB cap with ELIMIT, memory bounded', async () => {
    server = await hostile.gzipBomb();
    global.gc?.();
    const before = process.memoryUsage().rss;
    const e = await failure(client.request({ url: `${server.origin}/bomb`, maxBodyBytes: 10 * 1024 * 1024 }));
    const growth = process.memoryUsage().rss - before;
    expect(e.code).toBe('ELIMIT');
    expect(e.message).toMatch(/10485760/);
    // 10 MiB kept plus zlib buffers: far below what inflating 1 GiB would take
    expect(growth).toBeLessThan(96 * 1024 * 1024);
  });

  it('decompression bomb with onBodyLimit truncate keeps exactly the cap', async () => {
    server = await hostile.gzipBomb(64 * 1024 * 1024);
    const r = await client.request({ url: `${server.origin}/`, maxBodyBytes: 1_000_000, onBodyLimit: 'truncate' });
    expect(r.body.truncated).toBe(true);
    expect(r.body.bytes).toBe(1_000_000);
    expect(r.data!.length).toBe(1_000_000);
  });

  it('endless chunked body: ELIMIT at the cap', async () => {
    server = await hostile.endlessChunked();
    const e = await failure(client.request({ url: `${server.origin}/`, maxBodyBytes: 2 * 1024 * 1024 }));
    expect(e.code).toBe('ELIMIT');
  });

  it('endless chunked body: ETIMEDOUT when the deadline comes first', async () => {
    server = await hostile.endlessChunked();
    const e = await failure(client.request({ url: `${server.origin}/`, timeoutMs: 300, maxBodyBytes: 4 * 1024 ** 3 }));
    expect(e.code).toBe('ETIMEDOUT');
  });

  it('header flood: ELIMIT naming the header limit', async () => {
    server = await hostile.headerFlood();
    const e = await failure(client.request({ url: `${server.origin}/` }));
    expect(e.code).toBe('ELIMIT');
    expect(e.message).toMatch(/headers too large/);
  });

  it('invalid UTF-8 decodes with replacement characters', async () => {
    server = await hostile.invalidUtf8();
    const r = await client.request({ url: `${server.origin}/` });
    expect(r.body.charset).toBe('utf-8');
    expect(r.text).toBe('ok \uFFFD\uFFFD\uFFFD ünï\uFFFD');
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/x'])('redirect to %s: EPROTOCOL carrying the hop so far', async (location) => {
    server = await hostile.redirectTo(location);
    const e = await failure(client.request({ url: `${server.origin}/start` }));
    expect(e.code).toBe('EPROTOCOL');
    const hops = (e.detail as { hops: { status: number; url: string }[] }).hops;
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ status: 302, url: `${server.origin}/start` });
  });

  it('a redirect chain past the limit: ELIMIT with every hop', async () => {
    server = await hostile.redirectTo('/again?x');
    const e = await failure(client.request({ url: `${server.origin}/`, maxRedirects: 3 }));
    expect(e.code).toBe('ELIMIT');
    // '/', then '/again?x' once: the second '/again?x' is a loop
    expect((e.detail as { hops: unknown[] }).hops.length).toBeGreaterThanOrEqual(2);
  });

  it('a server that stalls: ETIMEDOUT', async () => {
    server = await hostile.stall();
    const t0 = Date.now();
    const e = await failure(client.request({ url: `${server.origin}/`, timeoutMs: 300 }));
    expect(e.code).toBe('ETIMEDOUT');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a server that stalls mid-body: ETIMEDOUT', async () => {
    server = await hostile.stallMidBody();
    const e = await failure(client.request({ url: `${server.origin}/`, timeoutMs: 300 }));
    expect(e.code).toBe('ETIMEDOUT');
  });

  it('a server that closes mid-body: ECONNECTION saying so', async () => {
    server = await hostile.closeMidBody();
    const e = await failure(client.request({ url: `${server.origin}/` }));
    expect(e.code).toBe('ECONNECTION');
    expect(e.message).toMatch(/closed the connection/);
  });

  it('cancel while stalled: ECANCELLED', async () => {
    server = await hostile.stall();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await failure(client.request({ url: `${server.origin}/`, signal: ac.signal }));
    expect(e.code).toBe('ECANCELLED');
  });

  it('connection refused: ECONNECTION', async () => {
    server = await hostile.stall();
    const port = server.port;
    await server.close();
    server = undefined;
    const e = await failure(client.request({ url: `http://127.0.0.1:${port}/` }));
    expect(e.code).toBe('ECONNECTION');
  });

  it('unknown host: ENOTFOUND', async () => {
    const e = await failure(client.request({ url: 'http://no-such-host.invalid/' }));
    expect(e.code).toBe('ENOTFOUND');
  });
});
