import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_CSP } from '../host/csp';
import { FakeBrowserWindow, fakeSession } from './__fakes__/electron';
import { createMainWindow, hardenSession } from './window';
import { DEFAULT_STATE } from './windowState';

vi.mock('electron', async () => (await import('./__fakes__/electron')).electronModule);

const target = { kind: 'file' as const, file: '/opt/porthole/out/renderer/index.html' };
function open(over: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  const openExternal = vi.fn();
  const saveState = vi.fn();
  const win = createMainWindow({ target, preload: '/opt/porthole/out/preload/index.cjs', state: DEFAULT_STATE, openExternal, saveState, ...over });
  return { win: win as unknown as FakeBrowserWindow, openExternal, saveState };
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
});

describe('main window', () => {
  it('is created sandboxed, isolated, without Node, with web security and no spellcheck', () => {
    const { win } = open();
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/opt/porthole/out/preload/index.cjs',
    });
    expect(win.loaded).toEqual({ file: target.file });
  });

  it('loads the dev server URL when given one', () => {
    const { win } = open({ target: { kind: 'url', url: 'http://localhost:5173/' } });
    expect(win.loaded).toEqual({ url: 'http://localhost:5173/' });
  });

  it('blocks navigation away from the page, but not same-document moves', () => {
    const { win } = open();
    expect(win.webContents.fire('will-navigate', { url: 'https://evil.example/', isSameDocument: false, isMainFrame: true })).toBe(true);
    expect(win.webContents.fire('will-navigate', { url: 'file:///etc/passwd', isSameDocument: false, isMainFrame: true })).toBe(true);
    expect(win.webContents.fire('will-navigate', { url: `file://${target.file}#x`, isSameDocument: true, isMainFrame: true })).toBe(false);
    expect(win.webContents.fire('will-redirect', { url: 'https://evil.example/', isSameDocument: false, isMainFrame: true })).toBe(true);
  });

  it('denies every new window; http(s) links go to the system browser, nothing else does', () => {
    const { win, openExternal } = open();
    const h = win.webContents.windowOpenHandler!;
    for (const url of ['https://example.com/a', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://bank.example@evil.example/']) {
      expect(h({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.com/a', 'http://example.com/']);
  });

  it('prevents <webview> from attaching', () => {
    const { win } = open();
    expect(win.webContents.fire('will-attach-webview')).toBe(true);
  });

  it('restores size, position and maximised state, and saves them on close', () => {
    const { win, saveState } = open({ state: { x: 10, y: 20, width: 1000, height: 700, maximized: true } });
    expect(win.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    expect(win.visible).toBe(true);
    win.bounds = { x: 30, y: 40, width: 900, height: 600 };
    win.emit('close');
    expect(saveState).toHaveBeenCalledWith({ x: 30, y: 40, width: 900, height: 600, maximized: true });
  });

  it('saves state after a move, debounced', () => {
    vi.useFakeTimers();
    try {
      const { win, saveState } = open();
      win.emit('move');
      win.emit('resize');
      expect(saveState).not.toHaveBeenCalled();
      vi.advanceTimersByTime(600);
      expect(saveState).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('session hardening', () => {
  it('puts our CSP on every response, replacing any other', () => {
    hardenSession(fakeSession as never);
    const cb = vi.fn();
    fakeSession.headersListener!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } } as never, cb as never);
    const headers = cb.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([ELECTRON_CSP]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    expect(ELECTRON_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it('denies every permission request and check', () => {
    hardenSession(fakeSession as never);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      fakeSession.permissionRequest!({} as never, p as never, cb as never);
      expect(cb).toHaveBeenCalledWith(false);
      expect(fakeSession.permissionCheck!({} as never, p as never)).toBe(false);
    }
  });
});
