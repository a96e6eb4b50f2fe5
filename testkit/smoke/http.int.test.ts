import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadServersInfo } from '../servers-info';

// nginx over HTTPS with the private CA (node:https `ca:`), and the site's fixed behaviours over HTTP.
const s = loadServersInfo();
const ca = readFileSync(s.caCert);

interface Got { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function get(url: string, opts: https.RequestOptions = {}): Promise<Got> {
  const mod = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.get(url, { agent: false, timeout: 15_000, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
  });
}

describe('nginx', () => {
  it('serves robots.txt over HTTPS when the private CA is trusted (localhost and [::1])', async () => {
    const r = await get(`https://localhost:${s.http.tlsPort}/robots.txt`, { ca });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('Disallow: /private/');
    const r6 = await get(`https://[::1]:${s.http.tlsPort}/data.json`, { ca });
    expect(JSON.parse(r6.body.toString())).toEqual({ name: 'porthole', ok: true, items: [1, 2, 3] });
  });

  it('fails certificate verification without the CA', async () => {
    await expect(get(`https://localhost:${s.http.tlsPort}/`)).rejects.toMatchObject({
      code: expect.stringMatching(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)$/),
    });
  });

  it('HTTP: redirects, gzip, chunked, basic auth, Range and status pages behave as documented', async () => {
    const base = `http://${s.host4}:${s.http.port}`;
    const r301 = await get(`${base}/redirect/301`);
    expect([r301.status, r301.headers.location]).toEqual([301, '/page1.html']);
    expect((await get(`${base}/redirect/to-https`)).headers.location).toBe(`https://localhost:${s.http.tlsPort}/page1.html`);

    const gz = await get(`${base}/page1.html`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('<h1>Page 1</h1>');

    const ch = await get(`${base}/chunked.html`);
    expect(ch.headers['transfer-encoding']).toBe('chunked');
    expect(ch.body.toString()).toContain('<p>filtered</p>');

    expect((await get(`${base}/private/secret.html`)).status).toBe(401);
    const authed = await get(`${base}/private/secret.html`, { auth: `${s.http.basicUser}:${s.http.basicPass}` });
    expect([authed.status, authed.body.toString().trim()]).toEqual([200, '<html><body>secret</body></html>']);

    const part = await get(`${base}/big.txt`, { headers: { range: 'bytes=0-10' } });
    expect([part.status, part.body.toString()]).toEqual([206, 'line 000000']);

    expect((await get(`${base}/status/503`)).headers['retry-after']).toBe('5');
  });
});
