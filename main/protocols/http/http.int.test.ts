import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { loadServersInfo } from '../../../testkit/servers-info';
import { basicAuth } from './auth';
import { HttpClient } from './client';
import { CookieJar } from './cookies';

/** The engine against the real nginx of the test kit (no stand-ins). */
const s = loadServersInfo();
const ca = readFileSync(s.caCert, 'utf8');
const H = `http://127.0.0.1:${s.http.port}`;
const HS = `https://localhost:${s.http.tlsPort}`;
const client = new HttpClient();
afterAll(() => client.close());

const header = (list: [string, string][], name: string) => list.find(([n]) => n.toLowerCase() === name)?.[1];
async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('redirects', () => {
  it.each([
    [301, 'GET', '/page1.html'], [302, 'GET', '/page2.html'], [303, 'GET', '/page1.html'], [307, 'POST', '/page1.html'], [308, 'POST', '/page1.html'],
  ])('%i after a POST: next hop is %s %s', async (status, method, path) => {
    const r = await client.request({ url: `${H}/redirect/${status}`, method: 'POST', body: 'a=1', headers: [['Content-Type', 'application/x-www-form-urlencoded']] });
    expect(r.hops).toHaveLength(2);
    expect(r.hops[0]).toMatchObject({ method: 'POST', status, url: `${H}/redirect/${status}` });
    expect(r.hops[1]).toMatchObject({ method, url: `${H}${path}` });
    const sentType = header(r.hops[1].requestHeaders, 'content-type');
    if (method === 'GET') {
      expect(r.status).toBe(200);
      expect(sentType).toBeUndefined();
      expect(header(r.hops[1].requestHeaders, 'content-length')).toBeUndefined();
    } else {
      // nginx refuses POST on a static file: the point is that method and body were kept
      expect(r.status).toBe(405);
      expect(sentType).toBe('application/x-www-form-urlencoded');
      expect(header(r.hops[1].requestHeaders, 'content-length')).toBe('3');
    }
  });

  it('relative and absolute Locations; reason phrases and remote address per hop', async () => {
    const rel = await client.request({ url: `${H}/redirect/relative` });
    expect(rel.hops.map((h) => h.url)).toEqual([`${H}/redirect/relative`, `${H}/page3.html`]);
    expect(rel.hops[0]).toMatchObject({ httpVersion: 'HTTP/1.1', reason: 'Moved Temporarily', remoteAddress: '127.0.0.1', remotePort: s.http.port });
    const abs = await client.request({ url: `${H}/redirect/absolute` });
    expect(abs.hops[1].url).toBe(`${H}/page1.html`);
  });

  it('to https on another origin: Authorization dropped, TLS of the final hop reported', async () => {
    const r = await client.request({ url: `${H}/redirect/to-https`, ca, headers: [['Authorization', basicAuth('user', 'pass')]] });
    expect(r.hops.map((h) => h.url)).toEqual([`${H}/redirect/to-https`, `${HS}/page1.html`]);
    expect(header(r.hops[0].requestHeaders, 'authorization')).toBeDefined();
    expect(header(r.hops[1].requestHeaders, 'authorization')).toBeUndefined();
    expect(r.hops[0].tls).toBeNull();
    expect(r.tls?.chain[0].sans).toContain('DNS:localhost');
  });

  it('a chain is followed hop by hop; 0 = do not follow; past the limit = ELIMIT with the hops', async () => {
    const r = await client.request({ url: `${H}/redirect/chain1` });
    expect(r.hops.map((h) => h.status)).toEqual([302, 302, 302, 200]);
    const none = await client.request({ url: `${H}/redirect/chain1`, maxRedirects: 0 });
    expect(none.status).toBe(302);
    expect(none.hops).toHaveLength(1);
    const e = await failure(client.request({ url: `${H}/redirect/chain1`, maxRedirects: 2 }));
    expect(e.code).toBe('ELIMIT');
    expect((e.detail as { hops: unknown[] }).hops).toHaveLength(3);
  });

  it('a loop is an ELIMIT error that still shows the hops', async () => {
    const e = await failure(client.request({ url: `${H}/redirect/loop` }));
    expect(e.code).toBe('ELIMIT');
    expect(e.message).toMatch(/loop/);
    expect((e.detail as { hops: { status: number }[] }).hops[0].status).toBe(302);
  });
});

describe('bodies', () => {
  it('gzip is decoded: wire size smaller, digest equal to the identity transfer', async () => {
    const gz = await client.request({ url: `${H}/page1.html` });
    const plain = await client.request({ url: `${H}/page1.html`, headers: [['Accept-Encoding', 'identity']] });
    expect(gz.body.contentEncoding).toBe('gzip');
    expect(gz.body.wireBytes).toBeLessThan(gz.body.bytes);
    expect(plain.body.contentEncoding).toBeNull();
    expect(plain.body.wireBytes).toBe(plain.body.bytes);
    expect(gz.body.sha256).toBe(plain.body.sha256);
    expect(gz.body.sha256).toBe(createHash('sha256').update(plain.data!).digest('hex'));
    expect(gz.text).toContain('<h1>Page 1</h1>');
    expect(gz.body.charset).toBe('utf-8');
  });

  it('chunked (and chunked + gzip) bodies', async () => {
    const c = await client.request({ url: `${H}/chunked.html` });
    expect(header(c.headers, 'transfer-encoding')).toBe('chunked');
    expect(c.text).toContain('<p>filtered</p>');
    const cg = await client.request({ url: `${H}/chunked-gzip.html` });
    expect(header(cg.headers, 'content-encoding')).toBe('gzip');
    expect(cg.text).toContain('<p>filtered</p>');
  });

  it('HEAD, 204 and 304 have no body', async () => {
    const head = await client.request({ url: `${H}/big.bin`, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(header(head.headers, 'content-length')).toBe('1048576');
    expect(head.body.bytes).toBe(0);
    const nc = await client.request({ url: `${H}/status/204` });
    expect(nc.status).toBe(204);
    expect(nc.body.bytes).toBe(0);
    const first = await client.request({ url: `${H}/page2.html`, headers: [['Accept-Encoding', 'identity']] });
    const etag = header(first.headers, 'etag')!;
    expect(etag).toBeTruthy();
    const again = await client.request({ url: `${H}/page2.html`, headers: [['Accept-Encoding', 'identity'], ['If-None-Match', etag]] });
    expect(again.status).toBe(304);
    expect(again.body.bytes).toBe(0);
  });

  it('Range gives 206 with exactly the asked bytes', async () => {
    const full = await client.request({ url: `${H}/big.bin` });
    expect(full.body.bytes).toBe(1048576);
    const part = await client.request({ url: `${H}/big.bin`, headers: [['Range', 'bytes=100-199']] });
    expect(part.status).toBe(206);
    expect(header(part.headers, 'content-range')).toBe('bytes 100-199/1048576');
    expect(part.data!.equals(full.data!.subarray(100, 200))).toBe(true);
  });

  it('error statuses are responses, not errors; repeated headers are kept', async () => {
    const r = await client.request({ url: `${H}/status/503` });
    expect(r.status).toBe(503);
    expect(header(r.headers, 'retry-after')).toBe('5');
    expect((await client.request({ url: `${H}/status/404` })).status).toBe(404);
  });

  it('streams to a sink while hashing; the cap ELIMITs a body that is too big', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-http-'));
    try {
      const file = join(dir, 'big.bin');
      const sink = createWriteStream(file);
      const r = await client.request({ url: `${H}/big.bin`, sink });
      await new Promise((res) => sink.end(res));
      expect(r.data).toBeNull();
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(r.body.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const e = await failure(client.request({ url: `${H}/big.bin`, maxBodyBytes: 1000 }));
    expect(e.code).toBe('ELIMIT');
  });
});

describe('auth and cookies', () => {
  it('basic auth: 401 without, 200 with', async () => {
    const no = await client.request({ url: `${H}/private/secret.html` });
    expect(no.status).toBe(401);
    expect(header(no.headers, 'www-authenticate')).toMatch(/^Basic/);
    const yes = await client.request({ url: `${H}/private/secret.html`, headers: [['Authorization', basicAuth(s.http.basicUser, s.http.basicPass)]] });
    expect(yes.status).toBe(200);
    expect(yes.text).toContain('secret');
  });

  it('a cookie set by one response is sent on every hop of a later redirect chain', async () => {
    const jar = new CookieJar();
    const set = await client.request({ url: `${H}/cookie`, cookieJar: jar });
    expect(header(set.headers, 'set-cookie')).toMatch(/^session=abc123/);
    expect(jar.list().map((c) => [c.name, c.value, c.httpOnly])).toEqual([['session', 'abc123', true]]);
    const r = await client.request({ url: `${H}/redirect/chain1`, cookieJar: jar });
    expect(r.hops.map((h) => header(h.requestHeaders, 'cookie'))).toEqual(Array(4).fill('session=abc123'));
    // host-only: not sent to another host name of the same server
    const other = await client.request({ url: `http://localhost:${s.http.port}/text`, cookieJar: jar });
    expect(header(other.hops[0].requestHeaders, 'cookie')).toBeUndefined();
  });
});

describe('TLS', () => {
  it('HTTPS with the private CA: protocol, cipher, ALPN h2, chain with SANs and fingerprints', async () => {
    const r = await client.request({ url: `${HS}/page1.html`, ca });
    expect(r.status).toBe(200);
    expect(r.hops[0].httpVersion).toBe('HTTP/2');
    expect(r.tls).toMatchObject({ alpn: 'h2', protocol: expect.stringMatching(/^TLSv1\.[23]$/), cipher: expect.any(String) });
    const leaf = r.tls!.chain[0];
    expect(leaf.sans).toEqual(expect.arrayContaining(['DNS:localhost', 'IP:127.0.0.1']));
    expect(leaf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(leaf.validTo).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(r.tls!.chain.at(-1)!.subject).toBe(r.tls!.chain.at(-1)!.issuer);
    expect(r.hops[0].requestHeaders.slice(0, 4).map(([n]) => n)).toEqual([':method', ':scheme', ':authority', ':path']);
  });

  it('HTTP/1.1 over TLS when h2 is not offered', async () => {
    const r = await client.request({ url: `${HS}/text`, ca, http2: false });
    expect(r.hops[0].httpVersion).toBe('HTTP/1.1');
    expect(r.tls?.alpn).toBe('http/1.1');
  });

  it('without the CA: ECERT with the chain and the leaf fingerprint; that fingerprint pinned is accepted', async () => {
    const e = await failure(client.request({ url: `${HS}/text` }));
    expect(e.code).toBe('ECERT');
    const d = e.detail as { chain: { sha256: string; sans: string[] }[]; fingerprint: string; host: string; port: number; hops: unknown[] };
    expect(d.chain[0].sans).toContain('DNS:localhost');
    expect(d.fingerprint).toBe(d.chain[0].sha256);
    expect([d.host, d.port]).toEqual(['localhost', s.http.tlsPort]);
    expect(d.hops).toEqual([]);
    const pinned = new HttpClient();
    try {
      const r = await pinned.request({ url: `${HS}/text`, isTrusted: (h, p, fp) => h === 'localhost' && p === s.http.tlsPort && fp === d.fingerprint });
      expect(r.status).toBe(200);
      expect(r.text).toBe('plain text body\n');
      // another fingerprint pinned is no trust at all
      const wrong = await failure(new HttpClient().request({ url: `${HS}/text`, isTrusted: () => false }));
      expect(wrong.code).toBe('ECERT');
    } finally {
      pinned.close();
    }
  });
});

describe('connections', () => {
  it('IPv6 [::1] over http and https', async () => {
    const r = await client.request({ url: `http://[::1]:${s.http.port}/text` });
    expect(r.hops[0]).toMatchObject({ remoteAddress: '::1', status: 200 });
    expect(r.hops[0].timing.dns).toBeNull();
    const t = await client.request({ url: `https://[::1]:${s.http.tlsPort}/text`, ca });
    expect(t.status).toBe(200);
    expect(t.tls?.chain[0].sans).toEqual(expect.arrayContaining(['IP:::1']));
  });

  it('keep-alive: sequential requests ride one connection; reused hops time no dns/connect/tls', async () => {
    const c = new HttpClient();
    try {
      const first = await c.request({ url: `http://localhost:${s.http.port}/text` });
      expect(first.hops[0].reused).toBe(false);
      expect(first.hops[0].timing.dns).not.toBeNull();
      expect(first.hops[0].timing.connect).not.toBeNull();
      for (let i = 0; i < 20; i++) {
        const r = await c.request({ url: `http://localhost:${s.http.port}/text` });
        expect(r.hops[0]).toMatchObject({ reused: true, timing: { dns: null, connect: null, tls: null } });
      }
      const h2a = await c.request({ url: `${HS}/text`, ca });
      const h2b = await c.request({ url: `${HS}/text`, ca });
      expect([h2a.hops[0].reused, h2b.hops[0].reused]).toEqual([false, true]);
      expect(h2a.hops[0].timing.tls).toBeGreaterThan(0);
      expect(h2b.hops[0].timing.tls).toBeNull();
    } finally {
      c.close();
    }
  });

  it('cancel mid-download of /slow.bin: ECANCELLED soon after, with progress seen before', async () => {
    const ac = new AbortController();
    let seen = 0;
    const t0 = Date.now();
    const p = client.request({
      url: `${H}/slow.bin`, signal: ac.signal,
      onProgress: (n) => {
        seen = n;
        if (n > 100 * 1024) ac.abort();
      },
    });
    const e = await failure(p);
    expect(e.code).toBe('ECANCELLED');
    expect(seen).toBeGreaterThan(100 * 1024);
    expect(seen).toBeLessThan(1048576);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a closed port is ECONNECTION', async () => {
    const e = await failure(client.request({ url: 'http://127.0.0.1:1/' }));
    expect(e.code).toBe('ECONNECTION');
  });
});

describe('robots.txt through the engine', () => {
  it('the robots policy fetches with this engine (no redirects followed by the engine, truncate at the cap)', async () => {
    const { fetchRobots } = await import('../robots/fetchRobots');
    const { robotsFetcher } = await import('./robotsFetcher');
    const policy = await fetchRobots(`${H}/robots.txt`, robotsFetcher(client));
    expect(policy.source).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(policy.check(`${H}/private/secret.html`, 'Porthole').allowed).toBe(false);
    expect(policy.check(`${H}/private/public.html`, 'Porthole').allowed).toBe(true);
    const small = await robotsFetcher(client)({ url: `${H}/big.txt`, maxBodyBytes: 1000 });
    expect(small.body.length).toBe(1000);
  });
});
