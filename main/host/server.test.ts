import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { fail, ok, type Result } from '../../shared/errors';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, type WsServerMessage } from '../../shared/ipc/bridge';
import type { Caller, EventSink } from '../ipc/types';
import { startHost, type RunningHost } from './server';
import { CLOSE_POLICY, MAX_PAYLOAD } from './wsTransport';

/** A router stand-in that records who connected and detached (the real one has its own tests). */
function fakeRouter() {
  const sinks = new Map<string, EventSink>();
  const detached: string[] = [];
  let release: (() => void) | undefined;
  return {
    sinks,
    detached,
    releaseSlow: () => release?.(),
    invoke: vi.fn(async (caller: Caller, channel: string, payload: unknown): Promise<Result<unknown>> => {
      if (channel === 'echo') return ok({ caller: caller.id, transport: caller.transport, payload });
      if (channel === 'slow') await new Promise<void>((r) => (release = r));
      return fail('EINVALID', `unknown channel ${channel}`);
    }),
    connect: vi.fn((caller: Caller, sink: EventSink) => {
      sinks.set(caller.id, sink);
      return () => {
        detached.push(caller.id);
        sinks.delete(caller.id);
      };
    }),
  };
}

let dir: string;
let host: RunningHost;
let router: ReturnType<typeof fakeRouter>;
const TOKEN = 'a'.repeat(64);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-host-'));
  await mkdir(join(dir, 'root/assets'), { recursive: true });
  await writeFile(join(dir, 'root/index.html'), '<!doctype html><title>Porthole</title>');
  await writeFile(join(dir, 'root/assets/app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'TOP SECRET');
  await symlink(join(dir, 'secret.txt'), join(dir, 'root/leak.txt'));
  router = fakeRouter();
  host = await startHost({ router, staticDir: join(dir, 'root'), token: TOKEN });
});
afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Raw HTTP so neither the path nor the Host header is normalised by a client library. */
function get(path: string, hostHeader = `127.0.0.1:${host.port}`, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers: { Host: hostHeader } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Opened = { ok: true; ws: WebSocket } | { ok: false; status: number };
function openWs(opts: { token?: string | null; origin?: string | null; host?: string; protocols?: string[] } = {}): Promise<Opened> {
  const token = opts.token === undefined ? TOKEN : opts.token;
  const protocols = opts.protocols ?? (token === null ? [WS_PROTOCOL] : [WS_PROTOCOL, WS_TOKEN_PREFIX + token]);
  const origin = opts.origin === undefined ? `http://127.0.0.1:${host.port}` : opts.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, protocols, {
    ...(origin === null ? {} : { origin }),
    headers: { Host: opts.host ?? `127.0.0.1:${host.port}` },
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ok: true, ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => resolve({ ok: false, status: -1 }));
  });
}

/** Collects server messages; `next(pred)` waits for the first that matches. */
function inbox(ws: WebSocket) {
  const seen: WsServerMessage[] = [];
  const waiters: { pred: (m: WsServerMessage) => boolean; resolve: (m: WsServerMessage) => void }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as WsServerMessage;
    seen.push(m);
    for (const w of [...waiters]) {
      if (!w.pred(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  return {
    seen,
    next: (pred: (m: WsServerMessage) => boolean) =>
      new Promise<WsServerMessage>((resolve) => {
        const hit = seen.find(pred);
        if (hit) resolve(hit);
        else waiters.push({ pred, resolve });
      }),
  };
}
const closed = (ws: WebSocket) => new Promise<{ code: number }>((r) => ws.once('close', (code) => r({ code })));

describe('browser host: static files', () => {
  it('prints a loopback URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`);
  });

  it('serves index.html for / with the security headers, and assets with their type', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Porthole</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/', undefined, 'POST')).status).toBe(405);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%00index.html', '/leak.txt'])(
    'refuses traversal: %s',
    async (path) => {
      const res = await get(path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('TOP SECRET');
    },
  );

  it.each(['evil.example:PORT', 'localhost:PORT', '127.0.0.1', '127.0.0.1:1', '[::1]:PORT'])('refuses Host %s (DNS rebinding)', async (h) => {
    const res = await get('/', h.replace('PORT', String(host.port)));
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('Porthole</title>');
  });
});

describe('browser host: WebSocket', () => {
  it('refuses a handshake without the token', async () => {
    expect(await openWs({ token: null })).toEqual({ ok: false, status: 403 });
  });
  it('refuses a wrong token', async () => {
    expect(await openWs({ token: 'b'.repeat(64) })).toEqual({ ok: false, status: 403 });
    expect(await openWs({ token: TOKEN.slice(1) })).toEqual({ ok: false, status: 403 });
  });
  it('refuses the token without our protocol name', async () => {
    expect(await openWs({ protocols: [WS_TOKEN_PREFIX + TOKEN] })).toEqual({ ok: false, status: 403 });
  });
  it('refuses a foreign Origin', async () => {
    expect(await openWs({ origin: 'http://evil.example' })).toEqual({ ok: false, status: 403 });
    expect(await openWs({ origin: `http://localhost:${host.port}` })).toEqual({ ok: false, status: 403 });
  });
  it('refuses a missing Origin', async () => {
    expect(await openWs({ origin: null })).toEqual({ ok: false, status: 403 });
  });
  it('refuses a foreign Host even with the right token and Origin', async () => {
    expect(await openWs({ host: `evil.example:${host.port}` })).toEqual({ ok: false, status: 421 });
  });
  it('refuses upgrades on other paths', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/other`, [WS_PROTOCOL, WS_TOKEN_PREFIX + TOKEN], {
      origin: `http://127.0.0.1:${host.port}`,
    });
    const status = await new Promise<number>((r) => ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0)));
    expect(status).toBe(403);
    ws.on('error', () => undefined); // terminating a refused handshake reports an error; expected
    ws.terminate();
  });

  it('round-trips an invoke with the request id, as its own caller, answering our protocol only', async () => {
    const o = await openWs();
    if (!o.ok) throw new Error(`refused ${o.status}`);
    expect(o.ws.protocol).toBe(WS_PROTOCOL);
    const box = inbox(o.ws);
    o.ws.send(JSON.stringify({ t: 'invoke', id: 7, channel: 'echo', payload: { a: 1 } }));
    o.ws.send(JSON.stringify({ t: 'invoke', id: 8, channel: 'nope', payload: {} }));
    const r7 = await box.next((m) => m.t === 'result' && m.id === 7);
    const r8 = await box.next((m) => m.t === 'result' && m.id === 8);
    expect(r7).toMatchObject({ result: { ok: true, value: { transport: 'web', payload: { a: 1 } } } });
    expect((r7 as { result: { value: { caller: string } } }).result.value.caller).toMatch(/^web-\d+$/);
    expect(r8).toMatchObject({ result: { ok: false, error: { code: 'EINVALID' } } });
    o.ws.close();
    await closed(o.ws);
  });

  it('pushes events only to the socket they are for', async () => {
    const a = await openWs();
    const b = await openWs();
    if (!a.ok || !b.ok) throw new Error('refused');
    const boxA = inbox(a.ws);
    const boxB = inbox(b.ws);
    // learn each socket's caller id through the echo channel
    a.ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'echo', payload: null }));
    const idA = ((await boxA.next((m) => m.t === 'result')) as { result: { value: { caller: string } } }).result.value.caller;
    router.sinks.get(idA)!('settings.changed' as never, { theme: 'dark' } as never);
    expect(await boxA.next((m) => m.t === 'event')).toEqual({ t: 'event', event: 'settings.changed', payload: { theme: 'dark' } });
    // b got nothing: an echo round trip on b proves its queue is drained
    b.ws.send(JSON.stringify({ t: 'invoke', id: 2, channel: 'echo', payload: null }));
    await boxB.next((m) => m.t === 'result');
    expect(boxB.seen.filter((m) => m.t === 'event')).toEqual([]);
    a.ws.close();
    b.ws.close();
    await Promise.all([closed(a.ws), closed(b.ws)]);
  });

  it('detaches the caller when its socket closes (the router then cancels its jobs)', async () => {
    const o = await openWs();
    if (!o.ok) throw new Error('refused');
    const box = inbox(o.ws);
    o.ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'echo', payload: null }));
    const id = ((await box.next((m) => m.t === 'result')) as { result: { value: { caller: string } } }).result.value.caller;
    expect(router.detached).not.toContain(id);
    o.ws.close();
    await closed(o.ws);
    await vi.waitFor(() => expect(router.detached).toContain(id));
  });

  it('drops the answer of a request whose socket has gone', async () => {
    const o = await openWs();
    if (!o.ok) throw new Error('refused');
    o.ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'slow', payload: null }));
    await vi.waitFor(() => expect(router.invoke).toHaveBeenCalledWith(expect.anything(), 'slow', null));
    o.ws.terminate();
    await closed(o.ws);
    router.releaseSlow(); // must not throw on a closed socket
  });

  it.each([
    ['bad JSON', '{not json'],
    ['an array', '[1,2]'],
    ['a wrong tag', JSON.stringify({ t: 'hello', id: 1, channel: 'echo' })],
    ['a non-integer id', JSON.stringify({ t: 'invoke', id: 1.5, channel: 'echo' })],
    ['a missing channel', JSON.stringify({ t: 'invoke', id: 1 })],
  ])('closes with a policy code on %s', async (_what, frame) => {
    const o = await openWs();
    if (!o.ok) throw new Error('refused');
    const c = closed(o.ws);
    o.ws.send(frame);
    expect((await c).code).toBe(CLOSE_POLICY);
  });

  it('closes on a binary frame and on a frame over the size limit', async () => {
    const a = await openWs();
    if (!a.ok) throw new Error('refused');
    const ca = closed(a.ws);
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await ca).code).toBe(1003);
    const b = await openWs();
    if (!b.ok) throw new Error('refused');
    const cb = closed(b.ws);
    b.ws.send('x'.repeat(MAX_PAYLOAD + 1));
    expect((await cb).code).toBe(1009);
  });
});

describe('startHost options', () => {
  it('makes a random 256-bit token unless given one, and refuses a weak token', async () => {
    const h = await startHost({ router: fakeRouter(), staticDir: join(dir, 'root') });
    try {
      expect(h.token).toMatch(/^[0-9a-f]{64}$/);
      expect(h.url).toBe(`http://127.0.0.1:${h.port}/#token=${h.token}`);
    } finally {
      await h.close();
    }
    await expect(startHost({ router: fakeRouter(), staticDir: dir, token: 'short' })).rejects.toThrow(/token/);
  });

  it('close() closes open sockets, detaching their callers', async () => {
    const r = fakeRouter();
    const h = await startHost({ router: r, staticDir: join(dir, 'root'), token: TOKEN });
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}${WS_PATH}`, [WS_PROTOCOL, WS_TOKEN_PREFIX + TOKEN], {
      origin: `http://127.0.0.1:${h.port}`,
    });
    await new Promise((res) => ws.once('open', res));
    const c = closed(ws);
    await h.close();
    expect((await c).code).toBe(1001);
    expect(r.detached).toHaveLength(1);
  });
});
