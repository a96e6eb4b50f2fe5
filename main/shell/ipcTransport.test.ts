import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type Result } from '../../shared/errors';
import { ELECTRON_EVENT, ELECTRON_INVOKE } from '../../shared/ipc/bridge';
import type { Caller, EventSink } from '../ipc/types';
import { FakeFrame, FakeWebContents, fakeIpcMain } from './__fakes__/electron';
import { createIpcTransport, type IpcTransport } from './ipcTransport';

vi.mock('electron', async () => (await import('./__fakes__/electron')).electronModule);

const OUR_URL = 'file:///opt/porthole/out/renderer/index.html';

function fakeRouter() {
  const sinks = new Map<string, EventSink>();
  const detached: string[] = [];
  return {
    sinks,
    detached,
    invoke: vi.fn(async (caller: Caller, channel: string, payload: unknown): Promise<Result<unknown>> =>
      channel === 'app.info' ? ok({ caller: caller.id, payload }) : fail('EINVALID', 'unknown channel'),
    ),
    connect: vi.fn((caller: Caller, sink: EventSink) => {
      sinks.set(caller.id, sink);
      return () => void detached.push(caller.id);
    }),
  };
}

let router: ReturnType<typeof fakeRouter>;
let transport: IpcTransport;
type Warn = (message: string, detail?: Record<string, unknown>) => void;
let log: { warn: ReturnType<typeof vi.fn<Warn>> };
const handler = () => fakeIpcMain.handlers.get(ELECTRON_INVOKE) as (e: unknown, channel: unknown, payload: unknown) => Promise<Result<unknown>>;

function ourContents() {
  const wc = new FakeWebContents();
  wc.mainFrame.url = OUR_URL;
  transport.register(wc as never);
  return wc;
}
const from = (wc: FakeWebContents, frame: FakeFrame | null = wc.mainFrame) => ({ sender: wc, senderFrame: frame });

beforeEach(() => {
  transport?.dispose();
  router = fakeRouter();
  log = { warn: vi.fn<Warn>() };
  transport = createIpcTransport({ ipcMain: fakeIpcMain as never, router, isOurUrl: (u) => u.split('#')[0] === OUR_URL, log });
});

describe('Electron IPC transport', () => {
  it('routes a call from our window top frame as electron-<id>', async () => {
    const wc = ourContents();
    const r = await handler()(from(wc), 'app.info', {});
    expect(r).toEqual({ ok: true, value: { caller: `electron-${wc.id}`, payload: {} } });
    expect(router.invoke).toHaveBeenCalledWith({ id: `electron-${wc.id}`, transport: 'electron' }, 'app.info', {});
  });

  it('refuses a subframe of our window (e.g. mail HTML in an iframe)', async () => {
    const wc = ourContents();
    const sub = new FakeFrame(OUR_URL, wc.mainFrame, 1, 999);
    const r = await handler()(from(wc, sub), 'app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
    expect(router.invoke).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith('shell: IPC refused', expect.objectContaining({ reason: 'not the main frame' }));
  });

  it('refuses a webContents we did not create', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = OUR_URL;
    expect(await handler()(from(stranger), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('refuses our window once it shows a foreign page, and a missing frame', async () => {
    const wc = ourContents();
    wc.mainFrame.url = 'https://evil.example/';
    expect(await handler()(from(wc), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'EINVALID' } });
    wc.mainFrame.url = OUR_URL;
    expect(await handler()(from(wc, null), 'app.info', {})).toMatchObject({ ok: false });
    expect(await handler()(from(wc), 42, {})).toMatchObject({ ok: false });
    expect(router.invoke).not.toHaveBeenCalled();
  });

  it('pushes router events to its own webContents only', () => {
    const a = ourContents();
    const b = ourContents();
    router.sinks.get(`electron-${a.id}`)!('settings.changed' as never, { theme: 'dark' } as never);
    expect(a.sent).toEqual([[ELECTRON_EVENT, 'settings.changed', { theme: 'dark' }]]);
    expect(b.sent).toEqual([]);
  });

  it('detaches the caller (cancelling its jobs) when its webContents is destroyed, and then refuses it', async () => {
    const wc = ourContents();
    wc.destroy();
    expect(router.detached).toEqual([`electron-${wc.id}`]);
    router.sinks.get(`electron-${wc.id}`)!('settings.changed' as never, {} as never); // no send after destroy
    expect(wc.sent).toEqual([]);
    expect(await handler()(from(wc), 'app.info', {})).toMatchObject({ ok: false });
  });

  it('starts a fresh caller when the page reloads, so the old page jobs are cancelled', () => {
    const wc = ourContents();
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(router.detached).toEqual([`electron-${wc.id}`]);
    expect(router.connect).toHaveBeenCalledTimes(2);
    wc.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    expect(router.connect).toHaveBeenCalledTimes(2);
  });

  it('answers EINTERNAL if the router ever throws', async () => {
    const wc = ourContents();
    router.invoke.mockRejectedValueOnce(new Error('boom'));
    expect(await handler()(from(wc), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'EINTERNAL' } });
  });

  it('dispose removes the handler and detaches everyone', () => {
    const wc = ourContents();
    transport.dispose();
    expect(fakeIpcMain.handlers.has(ELECTRON_INVOKE)).toBe(false);
    expect(router.detached).toEqual([`electron-${wc.id}`]);
    transport = createIpcTransport({ ipcMain: fakeIpcMain as never, router, isOurUrl: () => true });
  });
});
