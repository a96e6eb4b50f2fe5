import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH, WS_PROTOCOL, WS_TOKEN_PREFIX, type WsServerMessage } from '../../shared/ipc/bridge';
import { createApp, type App } from '../app/createApp';
import { startHost, type RunningHost } from './server';

// The browser host in front of the real core (createApp + router + job registry), in a temp dir.
let dir: string;
let app: App;
let host: RunningHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-hostapp-'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root/index.html'), '<!doctype html>');
  app = await createApp({ userDataDir: join(dir, 'data'), transport: 'web', version: '9.9.9' });
  host = await startHost({ router: app.router, staticDir: join(dir, 'root'), log: app.log });
});
afterAll(async () => {
  await host?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

async function client() {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WS_PATH}`, [WS_PROTOCOL, WS_TOKEN_PREFIX + host.token], {
    origin: `http://127.0.0.1:${host.port}`,
  });
  const msgs: WsServerMessage[] = [];
  ws.on('message', (d) => msgs.push(JSON.parse(d.toString()) as WsServerMessage));
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  let id = 0;
  return {
    ws,
    msgs,
    async invoke(channel: string, payload: unknown) {
      const my = ++id;
      ws.send(JSON.stringify({ t: 'invoke', id: my, channel, payload }));
      return vi.waitFor(() => {
        const m = msgs.find((x) => x.t === 'result' && x.id === my);
        if (!m || m.t !== 'result') throw new Error('no answer yet');
        return m.result;
      });
    },
  };
}

describe('browser host with the real router', () => {
  it('answers app.info as the web transport and refuses an undeclared channel', async () => {
    const c = await client();
    expect(await c.invoke('app.info', {})).toMatchObject({ ok: true, value: { transport: 'web', version: '9.9.9' } });
    expect(await c.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
    expect(await c.invoke('settings.set', { theme: 'purple' })).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
    c.ws.close();
  });

  it('streams job.state to the socket that started the job, and cancels it when that socket closes', async () => {
    const a = await client();
    const b = await client();
    const started = await a.invoke('app.selfTest', { ms: 60_000 });
    expect(started).toMatchObject({ ok: true, value: { job: expect.stringMatching(/^job-/) } });
    await vi.waitFor(() => expect(a.msgs.some((m) => m.t === 'event' && m.event === 'job.state')).toBe(true));
    expect(app.router.jobs.active).toBe(1);
    expect(b.msgs.filter((m) => m.t === 'event' && m.event === 'job.state')).toEqual([]);
    a.ws.close();
    await vi.waitFor(() => expect(app.router.jobs.active).toBe(0));
    b.ws.close();
  });
});
