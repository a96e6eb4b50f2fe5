import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../shared/errors';
import { ELECTRON_INVOKE } from '../../shared/ipc/bridge';
import { FakeBrowserWindow, fakeApp, fakeDialog, fakeIpcMain, fakeMenu, fakeScreen, fakeSession, fakeShell } from './__fakes__/electron';
import { runShell, type ShellDeps } from './lifecycle';
import { SafeStorageSecretStore } from './secrets';

vi.mock('electron', async () => (await import('./__fakes__/electron')).electronModule);

let dir: string;
function fakeCore() {
  const close = vi.fn(async () => undefined);
  const router = { handle: vi.fn(), emit: vi.fn(), invoke: vi.fn(async () => ok(null)), connect: vi.fn(() => () => undefined) };
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const createApp = vi.fn(async () => ({ router, log, close }));
  return { createApp, close, router, deps: { createApp } as unknown as ShellDeps };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-shell-'));
  fakeApp.removeAllListeners();
  fakeApp.lock = true;
  fakeApp.quitCalls = 0;
  fakeApp.exitCode = undefined;
  fakeApp.userData = dir;
  fakeIpcMain.handlers.clear();
  FakeBrowserWindow.instances.length = 0;
  fakeScreen.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Electron shell lifecycle', () => {
  it('quits at once when another instance holds the lock', async () => {
    fakeApp.lock = false;
    const core = fakeCore();
    expect(await runShell(core.deps)).toBeUndefined();
    expect(fakeApp.quitCalls).toBe(1);
    expect(core.createApp).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('starts the core as the electron transport and opens one hardened window wired to IPC', async () => {
    const core = fakeCore();
    await runShell(core.deps);
    expect(core.createApp).toHaveBeenCalledTimes(1);
    const opts = (core.createApp.mock.calls[0] as unknown as [Record<string, unknown>])[0];
    expect(opts).toMatchObject({ userDataDir: dir, transport: 'electron', version: '0.0.0-test' });
    expect(opts.secrets).toBeInstanceOf(SafeStorageSecretStore);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/opt/porthole/out/preload/index.cjs' });
    expect(win.loaded).toEqual({ file: '/opt/porthole/out/renderer/index.html' });
    expect(fakeIpcMain.handlers.has(ELECTRON_INVOKE)).toBe(true);
    expect(core.router.connect).toHaveBeenCalledWith({ id: `electron-${win.webContents.id}`, transport: 'electron' }, expect.any(Function));
    expect(fakeMenu.installed).toBeDefined();
    expect(fakeSession.headersListener).toBeDefined();
  });

  it('focuses the existing window when a second instance starts', async () => {
    await runShell(fakeCore().deps);
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    fakeApp.emit('second-instance', {}, ['porthole'], '/');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('restores the saved window state, clamped to the displays there are now', async () => {
    await writeFile(join(dir, 'window-state.json'), JSON.stringify({ x: 3000, y: 100, width: 1000, height: 700, maximized: false }));
    await runShell(fakeCore().deps);
    expect(FakeBrowserWindow.instances[0]!.options).toMatchObject({ x: 460, y: 175, width: 1000, height: 700 });
  });

  it('writes the window state when the window closes', async () => {
    await runShell(fakeCore().deps);
    const win = FakeBrowserWindow.instances[0]!;
    win.bounds = { x: 11, y: 22, width: 900, height: 650 };
    win.emit('close');
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8'))).toEqual({ x: 11, y: 22, width: 900, height: 650, maximized: false }),
    );
  });

  it('gives the core an openExternal that only opens http(s), and an openPath', async () => {
    const core = fakeCore();
    await runShell(core.deps);
    const hooks = (core.createApp.mock.calls[0] as unknown as [{ hooks: { openExternal(u: string): Promise<void>; openPath(p: string): Promise<boolean> } }])[0].hooks;
    await expect(hooks.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'EINVALID' });
    await hooks.openExternal('https://example.com/');
    expect(fakeShell.opened).toEqual(['https://example.com/']);
    expect(await hooks.openPath(dir)).toBe(true);
  });

  it('closes the core before quitting', async () => {
    const core = fakeCore();
    await runShell(core.deps);
    let prevented = false;
    fakeApp.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fakeApp.quitCalls).toBe(1));
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(fakeIpcMain.handlers.has(ELECTRON_INVOKE)).toBe(false);
  });

  it('shows an error and exits when the core cannot start', async () => {
    const core = fakeCore();
    core.createApp.mockRejectedValueOnce(new Error('user data dir not writable'));
    await runShell(core.deps);
    expect(fakeDialog.errors.at(-1)).toEqual(['Porthole could not start', 'user data dir not writable']);
    expect(fakeApp.exitCode).toBe(1);
  });
});
