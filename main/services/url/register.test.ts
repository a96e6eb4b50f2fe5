import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UrlAnatomy } from '../../../shared/ipc/urlAnatomy';
import { createApp, type App } from '../../app/createApp';
import { connectTestCaller, type TestCaller } from '../../ipc/testCaller';
import { analyzeUrl } from '../../protocols/url';

/** The URL channels that need no server, through createApp's real router. */
let dir: string;
let app: App;
let c: TestCaller;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-url-reg-'));
  app = await createApp({ userDataDir: dir, transport: 'web' });
  c = connectTestCaller(app.router, 'w1');
});
afterEach(async () => {
  c.detach();
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('registerUrl', () => {
  it('url.analyze answers exactly what the CLI computes, for odd input too', async () => {
    for (const [input, base] of [
      ['http://a/b/c/d;p?q=1&r=a+b#f', undefined], ['../g', 'http://a/b/c/d;p?q'], ['', undefined], ['http://[::1', undefined],
      ['%zz', ''], ['http://xn--80ak6aa92e.com/', undefined], ['g:h', 'not a base'],
    ] as const) {
      const r = await c.invoke('url.analyze', base === undefined ? { input } : { input, base });
      expect(r).toEqual({ ok: true, value: JSON.parse(JSON.stringify(analyzeUrl(input, base))) });
      expect(UrlAnatomy.safeParse(r.ok && r.value).success).toBe(true);
    }
  });

  it('url.setQuery round-trips the query table', async () => {
    const r = await c.invoke('url.setQuery', { url: 'http://h/p?old=1#frag', pairs: [['a b', 'c&d'], ['e', '']] });
    expect(r).toEqual({ ok: true, value: { url: 'http://h/p?a+b=c%26d&e=#frag' } });
    const back = await c.invoke('url.analyze', { input: r.ok ? r.value.url : '' });
    expect(back.ok && back.value.queryParams).toEqual([['a b', 'c&d'], ['e', '']]);
    expect(await c.invoke('url.setQuery', { url: 'http://h/p?x#f', pairs: [] })).toEqual({ ok: true, value: { url: 'http://h/p#f' } });
  });

  it('url.cookies.* edit the calling window\'s jar only', async () => {
    const cookie = { name: 'a', value: '1', domain: '.Example.com', path: '/', hostOnly: false, secure: false, httpOnly: false, sameSite: null, expires: null };
    const set = await c.invoke('url.cookies.set', { cookie });
    expect(set.ok && set.value).toEqual([expect.objectContaining({ name: 'a', value: '1', domain: 'example.com' })]);
    const other = connectTestCaller(app.router, 'w2');
    expect(await other.invoke('url.cookies.list', {})).toEqual({ ok: true, value: [] });
    other.detach();
    // an expiry in the past deletes
    expect(await c.invoke('url.cookies.set', { cookie: { ...cookie, domain: 'example.com', expires: 1 } })).toEqual({ ok: true, value: [] });
    await c.invoke('url.cookies.set', { cookie });
    expect(await c.invoke('url.cookies.clear', {})).toEqual({ ok: true, value: null });
    expect(await c.invoke('url.cookies.list', {})).toEqual({ ok: true, value: [] });
    expect(await c.invoke('url.cookies.set', { cookie: { ...cookie, path: 'no-slash' } })).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
  });

  it('url.curl.import / export', async () => {
    const imp = await c.invoke('url.curl.import', { command: `curl -H 'Authorization: Bearer t0k' https://h/x` });
    if (!imp.ok) throw new Error(imp.error.message);
    expect(imp.value.request).toMatchObject({ url: 'https://h/x', method: 'GET', headers: [['Authorization', 'Bearer t0k']] });
    const exp = await c.invoke('url.curl.export', { request: imp.value.request, includeSecrets: false });
    expect(exp.ok && exp.value.command).toBe(`curl https://h/x -H 'Authorization: Bearer <secret>'`);
    expect(await c.invoke('url.curl.import', { command: 'curl' })).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
  });

  it('url.defaults reads PORTHOLE_DEMO_URL and the PEM named by PORTHOLE_DEMO_CA', async () => {
    const saved = { url: process.env.PORTHOLE_DEMO_URL, ca: process.env.PORTHOLE_DEMO_CA };
    try {
      delete process.env.PORTHOLE_DEMO_URL;
      delete process.env.PORTHOLE_DEMO_CA;
      expect(await c.invoke('url.defaults', {})).toEqual({ ok: true, value: { url: null, caPem: null } });
      const pem = join(dir, 'ca.pem');
      await writeFile(pem, '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
      process.env.PORTHOLE_DEMO_URL = 'https://localhost:10443/';
      process.env.PORTHOLE_DEMO_CA = pem;
      expect(await c.invoke('url.defaults', {})).toEqual({ ok: true, value: { url: 'https://localhost:10443/', caPem: expect.stringContaining('BEGIN CERTIFICATE') } });
      process.env.PORTHOLE_DEMO_CA = join(dir, 'missing.pem');
      expect(await c.invoke('url.defaults', {})).toEqual({ ok: true, value: { url: 'https://localhost:10443/', caPem: null } });
    } finally {
      for (const [k, v] of [['PORTHOLE_DEMO_URL', saved.url], ['PORTHOLE_DEMO_CA', saved.ca]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('url.send refuses a non-http URL and a bad header as a failed job, not a crash', async () => {
    for (const req of [{ url: 'file:///etc/passwd' }, { url: 'http://127.0.0.1:9/', headers: [['X', 'a\nb']] as [string, string][] }]) {
      const r = await c.invoke('url.send', req);
      if (!r.ok) throw new Error(r.error.message);
      const final = await new Promise<{ state: string; error?: { code: string } }>((resolve) => {
        const poll = () => {
          const f = c.jobStates(r.value.job).find((st) => st.state === 'failed' || st.state === 'done');
          if (f) resolve(f);
          else setTimeout(poll, 5);
        };
        poll();
      });
      expect(final).toMatchObject({ state: 'failed', error: { code: 'EINVALID' } });
    }
    expect(await c.invoke('url.body', { responseId: 'resp-nope' })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } });
  });
});
