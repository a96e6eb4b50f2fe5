import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestCaller } from '../ipc/testCaller';
import { createApp, type App } from './createApp';

let dir: string;
let app: App;
const opened: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-app-'));
  opened.length = 0;
  app = await createApp({
    userDataDir: dir,
    transport: 'web',
    version: '1.2.3',
    hooks: { openExternal: async (u) => void opened.push(u), openPath: async () => true },
  });
});
afterEach(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const FP = 'AB:'.repeat(31) + 'CD';

describe('createApp', () => {
  it('answers app.info and opens only http(s) links', async () => {
    const c = connectTestCaller(app.router, 'w1');
    const info = await c.invoke('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: { name: 'Porthole', version: '1.2.3', platform: process.platform, transport: 'web', userDataDir: dir, logFile: join(dir, 'porthole.log') },
    });
    expect(await c.invoke('app.openExternal', { url: 'https://example.org/a b' })).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://example.org/a%20b']);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'smb://host/share']) {
      const r = await c.invoke('app.openExternal', { url });
      expect(r.ok === false && r.error.code).toBe('EINVALID');
    }
    expect(opened).toHaveLength(1);
    expect(await c.invoke('app.openLogFolder', {})).toEqual({ ok: true, value: { path: dir, opened: true } });
  });

  it('persists settings, tells every window, and resizes the wire buffer', async () => {
    const a = connectTestCaller(app.router, 'w1');
    const b = connectTestCaller(app.router, 'w2');
    const r = await a.invoke('settings.set', { theme: 'dark', wireBufferLines: 1000 });
    expect(r.ok && r.value.theme).toBe('dark');
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark', wireBufferLines: 1000 });
    expect(b.of('settings.changed')).toEqual([expect.objectContaining({ theme: 'dark' })]);
    expect(app.wire.capacity).toBe(1000);
    const bad = await a.invoke('settings.set', { theme: 'neon' } as never);
    expect(bad.ok === false && bad.error.code).toBe('EINVALID');
    expect((await a.invoke('settings.get', {})).ok).toBe(true);
  });

  it('adds, lists and revokes trust pins in trust.json', async () => {
    const c = connectTestCaller(app.router, 'w1');
    const added = await c.invoke('trust.add', { host: 'Mail.Example', port: 993, sha256: FP });
    expect(added.ok && added.value).toMatchObject({ host: 'mail.example', port: 993, sha256: FP });
    const file = JSON.parse(await readFile(join(dir, 'trust.json'), 'utf8')) as { entries: unknown[] };
    expect(file.entries).toHaveLength(1);
    expect(app.trust.isTrusted('mail.example', 993, FP)).toBe(true);
    expect((await c.invoke('trust.list', {})).ok).toBe(true);
    expect(await c.invoke('trust.revoke', { host: 'mail.example', port: 993, sha256: FP })).toEqual({ ok: true, value: null });
    const again = await c.invoke('trust.revoke', { host: 'mail.example', port: 993, sha256: FP });
    expect(again.ok === false && again.error.code).toBe('ENOTFOUND');
  });

  it('serves the wire transcript: live batches, snapshot, export, clear', async () => {
    const c = connectTestCaller(app.router, 'w1');
    const w = app.wire.open({ protocol: 'http', label: 'example.org:443' });
    w.out('GET / HTTP/1.1');
    w.in('HTTP/1.1 200 OK');
    await waitFor(() => c.of('wire.lines').flatMap((e) => e.lines).length === 2);
    expect(c.of('wire.lines').flatMap((e) => e.lines.map((l) => l.text))).toEqual(['GET / HTTP/1.1', 'HTTP/1.1 200 OK']);
    const snap = await c.invoke('wire.snapshot', { conn: w.conn, limit: 1 });
    expect(snap.ok && snap.value.lines.map((l) => l.text)).toEqual(['HTTP/1.1 200 OK']);
    const conns = await c.invoke('wire.connections', {});
    expect(conns.ok && conns.value.map((x) => x.label)).toEqual(['example.org:443']);
    const ex = await c.invoke('wire.export', { protocol: 'http' });
    expect(ex.ok && ex.value.lines).toBe(2);
    expect(ex.ok && ex.value.text).toContain(`${w.conn} http out  GET / HTTP/1.1`);
    await c.invoke('wire.clear', {});
    const after = await c.invoke('wire.snapshot', {});
    expect(after.ok && after.value.lines).toEqual([]);
  });

  it('app.selfTest reports progress and finishes; cancel ends it early', async () => {
    const c = connectTestCaller(app.router, 'w1');
    const r = await c.invoke('app.selfTest', { ms: 250, label: 'self test' });
    if (!r.ok) throw new Error(r.error.message);
    await waitFor(() => c.jobStates(r.value.job).at(-1)?.state === 'done');
    const s = c.jobStates(r.value.job);
    expect(s[0].state).toBe('queued');
    expect(s.filter((x) => x.state === 'running').length).toBeGreaterThanOrEqual(2);
    expect(s.at(-1)).toMatchObject({ state: 'done', label: 'self test', result: { waited: expect.any(Number) } });
    expect((s.at(-1)!.result as { waited: number }).waited).toBeGreaterThanOrEqual(250);

    const long = await c.invoke('app.selfTest', { ms: 60_000 });
    if (!long.ok) throw new Error(long.error.message);
    await waitFor(() => c.jobStates(long.value.job).some((x) => x.state === 'running'));
    expect(await c.invoke('job.cancel', { job: long.value.job })).toEqual({ ok: true, value: null });
    expect(c.jobStates(long.value.job).at(-1)?.state).toBe('cancelled');
    const list = await c.invoke('job.list', {});
    expect(list.ok && list.value.map((j) => j.state)).toEqual(['done', 'cancelled']);
    expect(app.router.jobs.active).toBe(0);
  });

  it('writes the log file without payloads', async () => {
    const c = connectTestCaller(app.router, 'w1');
    await app.router.invoke(c.caller, 'trust.add', { host: 'h', port: 1, sha256: 'secret-sauce' });
    await app.log.flush();
    const text = await readFile(join(dir, 'porthole.log'), 'utf8');
    expect(text).toContain('app: started');
    expect(text).toContain('refused an invalid request');
    expect(text).not.toContain('secret-sauce');
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
