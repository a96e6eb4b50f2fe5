import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppErrorData } from '../../../shared/errors';
import type { UrlSendRequest, UrlSendResult } from '../../../shared/ipc/url';
import type { JobState } from '../../../shared/ipc/jobs';
import type { UrlFetchErrorDetail } from '../../../shared/ipc/urlFetch';
import { loadServersInfo } from '../../../testkit/servers-info';
import { createApp, type App } from '../../app/createApp';
import { connectTestCaller, type TestCaller } from '../../ipc/testCaller';

/**
 * The URL inspector's channels through the real router (createApp in a temp dir) against the
 * real nginx of the test kit: no stand-ins for the server.
 */
const s = loadServersInfo();
const H = `http://127.0.0.1:${s.http.port}`;
const HS = `https://localhost:${s.http.tlsPort}`;
const htdocs = join(s.dir, 'www', 'htdocs');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const header = (list: [string, string][], name: string) => list.find(([n]) => n.toLowerCase() === name)?.[1];

let dir: string;
let app: App;
let c: TestCaller;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-url-int-'));
  app = await createApp({ userDataDir: dir, transport: 'web' });
  c = connectTestCaller(app.router, 'w-url');
  // whatever HTTP(S)_PROXY the machine has, these requests go to loopback directly
  expect((await c.invoke('settings.set', { proxy: { mode: 'none', url: '', noProxy: '' } })).ok).toBe(true);
});
afterAll(async () => {
  c.detach();
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts url.send and waits for its final job.state (events, not sleeps). */
async function send(req: UrlSendRequest, who: TestCaller = c): Promise<{ job: string; final: JobState; states: JobState[] }> {
  const started = await who.invoke('url.send', req);
  if (!started.ok) throw new Error(`url.send refused: ${started.error.message}`);
  const job = started.value.job;
  const final = await vi.waitFor(
    () => {
      const f = who.jobStates(job).find((st) => st.state === 'done' || st.state === 'failed' || st.state === 'cancelled');
      if (!f) throw new Error('job still running');
      return f;
    },
    { timeout: 20_000, interval: 20 },
  );
  return { job, final, states: who.jobStates(job) };
}
const resultOf = (st: JobState) => st.result as UrlSendResult;
const errorOf = (st: JobState) => st.error as AppErrorData & { detail: UrlFetchErrorDetail };

describe('url.send', () => {
  it('follows a redirect chain, reports every hop, keeps the body for url.body', async () => {
    const { final, states } = await send({ url: `${H}/redirect/chain1` });
    expect(states[0].state).toBe('queued');
    expect(states.map((st) => st.state)).toContain('running');
    expect(final.state).toBe('done');
    expect(final.label).toBe(`GET ${H}/redirect/chain1`);
    const r = resultOf(final);
    expect(r.hops.map((h) => [h.status, new URL(h.url).pathname])).toEqual([
      [302, '/redirect/chain1'], [302, '/redirect/chain2'], [302, '/redirect/chain3'], [200, '/page1.html'],
    ]);
    expect(r.status).toBe(200);
    expect(r.preview).toMatchObject({ kind: 'text', mime: 'text/html' });
    expect(r.text).toContain('</h1>');

    const expected = await readFile(join(htdocs, 'page1.html'));
    expect(r.body.sha256).toBe(sha256(expected));
    const body = await c.invoke('url.body', { responseId: r.responseId });
    if (!body.ok) throw new Error(body.error.message);
    expect(sha256(Buffer.from(body.value.base64, 'base64'))).toBe(sha256(expected));
    expect(body.value).toMatchObject({ size: expected.length, filename: 'page1.html', contentType: expect.stringContaining('text/html') });

    // another window cannot read this window's responses
    const other = connectTestCaller(app.router, 'w-other');
    expect(await other.invoke('url.body', { responseId: r.responseId })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } });
    other.detach();
  });

  it('basic auth: 200, Authorization masked in the result and the wire; history holds no secret and re-sends', async () => {
    const req: UrlSendRequest = {
      url: `${H}/private/secret.html`,
      headers: [['Cookie', 'probe=int-secret-42']],
      auth: { kind: 'basic', user: s.http.basicUser, password: s.http.basicPass },
    };
    const { final } = await send(req);
    expect(final.state).toBe('done');
    const r = resultOf(final);
    expect(r.status).toBe(200);
    const creds = Buffer.from(`${s.http.basicUser}:${s.http.basicPass}`).toString('base64');
    expect(header(r.hops[0].requestHeaders, 'authorization')).toBe('Basic ****');
    expect(header(r.hops[0].requestHeaders, 'cookie')).toBe('probe=****');
    expect(JSON.stringify(final)).not.toContain(creds);
    expect(JSON.stringify(final)).not.toContain('int-secret-42');

    // one Wire connection for this send, labelled METHOD url, secrets masked at the source
    const conns = await c.invoke('wire.connections', {});
    if (!conns.ok) throw new Error(conns.error.message);
    const conn = conns.value.find((w) => w.label === `GET ${H}/private/secret.html`);
    expect(conn).toBeDefined();
    const lines = await c.invoke('wire.snapshot', { conn: conn!.conn });
    if (!lines.ok) throw new Error(lines.error.message);
    const text = lines.value.lines.map((l) => `${l.dir} ${l.text}`);
    expect(text).toContain('out GET /private/secret.html HTTP/1.1');
    expect(text).toContain('out Authorization: Basic ****');
    expect(text).toContain('out Cookie: probe=****');
    expect(text.some((t) => t.startsWith('in HTTP/1.1 200'))).toBe(true);
    expect(text.join('\n')).not.toContain(creds);
    expect(text.join('\n')).not.toContain('int-secret-42');

    // history: persisted without secrets, restored for re-sending
    expect(r.historyId).not.toBeNull();
    const file = await readFile(join(dir, 'url-history.json'), 'utf8');
    expect(file).toContain('/private/secret.html');
    expect(file).not.toContain(creds);
    expect(file).not.toContain('int-secret-42');
    const stored = JSON.parse(file).entries.find((e: { id: string }) => e.id === r.historyId);
    expect(stored.request.auth).toEqual({ kind: 'basic', user: s.http.basicUser, password: '****' });

    const list = await c.invoke('url.history.list', { query: 'SECRET.HTML' });
    expect(list.ok && list.value[0]).toMatchObject({ id: r.historyId, method: 'GET', status: 200, error: null });
    const got = await c.invoke('url.history.get', { id: r.historyId! });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.secretsMissing).toBe(false);
    expect(got.value.request.auth).toEqual({ kind: 'basic', user: s.http.basicUser, password: s.http.basicPass });
    expect(got.value.request.headers).toEqual([['Cookie', 'probe=int-secret-42']]);
    const again = await send(got.value.request);
    expect(resultOf(again.final).status).toBe(200);

    // without the credentials the server refuses: the restored ones really were what made it work
    const masked = await send({ ...got.value.request, auth: stored.request.auth });
    expect(resultOf(masked.final).status).toBe(401);
  });

  it('cookies from /cookie land in the window jar and go with the next request', async () => {
    const w = connectTestCaller(app.router, 'w-cookies');
    await send({ url: `${H}/cookie` }, w);
    const jar = await w.invoke('url.cookies.list', {});
    expect(jar.ok && jar.value).toEqual([expect.objectContaining({ name: 'session', value: 'abc123', domain: '127.0.0.1', path: '/', httpOnly: true })]);
    const next = resultOf((await send({ url: `${H}/text` }, w)).final);
    expect(header(next.hops[0].requestHeaders, 'cookie')).toBe('session=****');
    // the jar is this window's: another window sends no cookie
    const elsewhere = resultOf((await send({ url: `${H}/text` })).final);
    expect(header(elsewhere.hops[0].requestHeaders, 'cookie')).toBeUndefined();
    // editable
    expect((await w.invoke('url.cookies.delete', { domain: '127.0.0.1', path: '/', name: 'session' })).ok).toBe(true);
    expect(await w.invoke('url.cookies.delete', { domain: '127.0.0.1', path: '/', name: 'session' })).toMatchObject({ ok: false, error: { code: 'ENOTFOUND' } });
    w.detach();
  });

  it('ECERT without the CA → detail with fingerprint → trust.add → the resend succeeds', async () => {
    const { final } = await send({ url: `${HS}/text` });
    expect(final.state).toBe('failed');
    const e = errorOf(final);
    expect(e.code).toBe('ECERT');
    expect(e.detail).toMatchObject({ host: 'localhost', port: s.http.tlsPort, hops: [] });
    expect(e.detail.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(e.detail.chain!.length).toBeGreaterThan(0);
    expect(e.detail.fingerprint!.replaceAll(':', '').toLowerCase()).toBe(e.detail.chain![0].sha256);

    const hist = await c.invoke('url.history.list', { query: HS });
    expect(hist.ok && hist.value[0]).toMatchObject({ status: null, error: 'ECERT' });

    const pinned = await c.invoke('trust.add', { host: e.detail.host!, port: e.detail.port!, sha256: e.detail.fingerprint! });
    expect(pinned.ok).toBe(true);
    const again = await send({ url: `${HS}/text` });
    expect(again.final.state).toBe('done');
    const r = resultOf(again.final);
    expect(r.status).toBe(200);
    expect(r.text).toBe('plain text body\n');
    expect(r.tls?.chain[0].sha256).toBe(e.detail.chain![0].sha256);
  });

  it('a send riding a kept-alive connection still gets its own Wire transcript', async () => {
    const url = `${H}/text?keepalive=1`;
    await send({ url });
    const second = resultOf((await send({ url })).final);
    expect(second.hops[0].reused).toBe(true);
    const conns = await c.invoke('wire.connections', {});
    if (!conns.ok) throw new Error(conns.error.message);
    const mine = conns.value.filter((w) => w.label === `GET ${url}`);
    expect(mine).toHaveLength(2);
    const last = await c.invoke('wire.snapshot', { conn: mine[1].conn });
    const text = last.ok ? last.value.lines.map((l) => `${l.dir} ${l.text}`) : [];
    expect(text).toContain('out GET /text?keepalive=1 HTTP/1.1');
    expect(text.some((t) => t.startsWith('in HTTP/1.1 200'))).toBe(true);
    expect(text.some((t) => t.startsWith('info connected to'))).toBe(false); // no new socket
    expect(mine[1].closedAt).toBeDefined();
  });

  it('a redirect loop fails with ELIMIT and the hops so far', async () => {
    const { final } = await send({ url: `${H}/redirect/loop` });
    expect(final.state).toBe('failed');
    const e = errorOf(final);
    expect(e.code).toBe('ELIMIT');
    expect(e.detail.hops.length).toBeGreaterThan(0);
    expect(e.detail.hops[0]).toMatchObject({ status: 302 });
  });

  it('cancel of /slow.bin → cancelled (after progress), recorded in history', async () => {
    const started = await c.invoke('url.send', { url: `${H}/slow.bin` });
    if (!started.ok) throw new Error(started.error.message);
    const job = started.value.job;
    await vi.waitFor(() => expect(c.jobStates(job).some((st) => st.state === 'running' && (st.done ?? 0) > 0)).toBe(true), { timeout: 10_000, interval: 20 });
    const running = c.jobStates(job).filter((st) => st.state === 'running').pop()!;
    expect(running.total).toBe(1024 * 1024);
    expect((await c.invoke('job.cancel', { job })).ok).toBe(true);
    const final = await vi.waitFor(() => {
      const f = c.jobStates(job).find((st) => st.state === 'cancelled');
      if (!f) throw new Error('not cancelled yet');
      return f;
    });
    expect(final.state).toBe('cancelled');
    await vi.waitFor(async () => {
      const h = await c.invoke('url.history.list', { query: '/slow.bin' });
      expect(h.ok && h.value[0]).toMatchObject({ error: 'ECANCELLED', status: null });
    });
  });

  it('robotsAgent: the verdict comes with the result', async () => {
    const r = resultOf((await send({ url: `${H}/page1.html`, robotsAgent: 'BadBot' })).final);
    expect(r.robots).toMatchObject({ allowed: false, agent: 'badbot', rule: { text: 'Disallow: /' } });
  });
});

describe('url.robots', () => {
  it('names the deciding line for BadBot and for *', async () => {
    const lines = (await readFile(join(htdocs, 'robots.txt'), 'utf8')).split('\n');
    const lineOf = (text: string, from = 0) => lines.indexOf(text, from) + 1;
    const bad = await c.invoke('url.robots', { url: `${H}/page1.html`, agent: 'BadBot/1.0' });
    if (!bad.ok) throw new Error(bad.error.message);
    const badLine = lineOf('Disallow: /', lineOf('User-agent: BadBot'));
    expect(bad.value).toMatchObject({ allowed: false, agent: 'badbot', rule: { line: badLine, text: 'Disallow: /', directive: 'disallow', pattern: '/' } });
    expect(bad.value.source).toMatchObject({ url: `${H}/robots.txt`, status: 'ok', httpStatus: 200, redirects: [] });

    const star = await c.invoke('url.robots', { url: `${H}/private/secret.html`, agent: '*' });
    expect(star.ok && star.value).toMatchObject({ allowed: false, agent: '*', rule: { line: lineOf('Disallow: /private/'), text: 'Disallow: /private/' }, crawlDelay: 2 });
    const open = await c.invoke('url.robots', { url: `${H}/private/public.html`, agent: 'SomeBot' });
    expect(open.ok && open.value).toMatchObject({ allowed: true, rule: { line: lineOf('Allow: /private/public.html'), directive: 'allow' } });
    expect(open.ok && open.value.sitemaps).toEqual([`http://127.0.0.1:${s.http.port}/sitemap.xml`]);
  });

  it('over https with the request CA; a draft is judged without fetching', async () => {
    const ca = await readFile(s.caCert, 'utf8');
    const v = await c.invoke('url.robots', { url: `${HS}/tmp/x`, agent: '*', ca });
    expect(v.ok && v.value).toMatchObject({ allowed: false, rule: { text: 'Disallow: /tmp' }, source: { status: 'ok' } });
    const d = await c.invoke('url.robots', { url: `${H}/tmp/x`, agent: '*', draft: 'User-agent: *\nAllow: /\n' });
    expect(d.ok && d.value).toMatchObject({ allowed: true, rule: { line: 2 }, source: { status: 'draft' } });
  });
});
