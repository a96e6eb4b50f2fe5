import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { startProxy, type TestProxy } from '../../../testkit/hostile/proxy';
import { loadServersInfo } from '../../../testkit/servers-info';
import { HttpClient } from './client';

/** Through a local forward proxy to the real nginx: absolute-form for http, CONNECT for https. */
const s = loadServersInfo();
const ca = readFileSync(s.caCert, 'utf8');
let proxy: TestProxy;
const client = new HttpClient();
beforeAll(async () => {
  proxy = await startProxy({ requireAuth: `Basic ${Buffer.from('pu:pp').toString('base64')}` });
});
afterAll(async () => {
  client.close();
  await proxy.close();
});
const authed = () => proxy.url.replace('http://', 'http://pu:pp@');

describe('HTTP proxy', () => {
  it('http: absolute-form request with Proxy-Authorization', async () => {
    const r = await client.request({ url: `http://127.0.0.1:${s.http.port}/text`, proxy: { url: authed() } });
    expect(r.text).toBe('plain text body\n');
    expect(proxy.seen.at(-1)).toMatchObject({ method: 'GET', target: `http://127.0.0.1:${s.http.port}/text`, auth: expect.stringMatching(/^Basic /) });
    // the hop reports the peer it talked to: the proxy
    expect(r.hops[0].remotePort).toBe(Number(new URL(proxy.url).port));
  });

  it('https: CONNECT tunnel, TLS verified end to end with the private CA, h2 inside', async () => {
    const r = await client.request({ url: `https://localhost:${s.http.tlsPort}/text`, ca, proxy: { url: authed() } });
    expect(r.status).toBe(200);
    expect(r.tls?.alpn).toBe('h2');
    expect(proxy.seen.at(-1)).toMatchObject({ method: 'CONNECT', target: `localhost:${s.http.tlsPort}` });
  });

  it('NO_PROXY bypasses; a refused CONNECT is ECONNECTION naming the proxy answer', async () => {
    const before = proxy.seen.length;
    const r = await client.request({ url: `http://localhost:${s.http.port}/text`, proxy: { url: authed(), noProxy: 'localhost' } });
    expect(r.status).toBe(200);
    expect(proxy.seen.length).toBe(before);
    const e = await client.request({ url: `https://127.0.0.1:${s.http.tlsPort}/text`, ca, proxy: { url: proxy.url } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('ECONNECTION');
    expect((e as AppError).message).toMatch(/407/);
  });
});
