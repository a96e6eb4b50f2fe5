import { app, dialog, ipcMain, screen, session, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { createApp as CreateApp } from '../app/createApp';
import { createIpcTransport } from './ipcTransport';
import { installMenu } from './menu';
import { isRendererUrl, isSafeExternalUrl, rendererTarget } from './renderer';
import { SafeStorageSecretStore } from './secrets';
import { createMainWindow, hardenSession } from './window';
import { clampToDisplays, loadWindowState, saveWindowState, type WindowState } from './windowState';

export interface ShellDeps {
  createApp: typeof CreateApp;
}

/**
 * The Electron app's life: one instance (a second launch focuses the first window), one hardened
 * window, the IPC transport onto the router, and an orderly close of the core on quit.
 * Returns once the window exists, or at once when another instance holds the lock.
 */
export async function runShell(deps: ShellDeps): Promise<{ window(): BrowserWindow | undefined } | undefined> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let win: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  // Any webContents at all (ours, devtools, anything a bug might open) gets no <webview> and no popups.
  app.on('web-contents-created', (_e, wc) => {
    wc.on('will-attach-webview', (ev) => ev.preventDefault());
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  const userDataDir = app.getPath('userData');
  hardenSession(session.defaultSession);
  installMenu();

  const openExternal = async (url: string): Promise<void> => {
    if (!isSafeExternalUrl(url)) throw new AppError('EINVALID', 'only http(s) links open outside Porthole');
    await shell.openExternal(url);
  };
  let core: Awaited<ReturnType<typeof CreateApp>>;
  try {
    const secrets = await SafeStorageSecretStore.open(join(userDataDir, 'secrets.json'));
    core = await deps.createApp({
      userDataDir,
      transport: 'electron',
      secrets,
      version: app.getVersion(),
      hooks: { openPath: async (p) => (await shell.openPath(p)) === '', openExternal },
    });
  } catch (e) {
    dialog.showErrorBox('Porthole could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return undefined;
  }
  const log = core.log;
  const target = rendererTarget(app.getAppPath(), process.env, app.isPackaged);
  const transport = createIpcTransport({ ipcMain, router: core.router, isOurUrl: (u) => isRendererUrl(target, u), log });

  const stateFile = join(userDataDir, 'window-state.json');
  let saving: Promise<void> = Promise.resolve();
  const saveState = (s: WindowState) => {
    saving = saving.then(() => saveWindowState(stateFile, s)).catch((err: unknown) => log.warn('shell: window state not saved', { err }));
  };
  const openWindow = async () => {
    const primary = screen.getPrimaryDisplay();
    const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
    win = createMainWindow({
      target,
      preload: join(app.getAppPath(), 'out', 'preload', 'index.cjs'),
      state: clampToDisplays(await loadWindowState(stateFile), areas),
      openExternal: (url) => void openExternal(url).catch((err: unknown) => log.warn('shell: openExternal failed', { err })),
      saveState,
      log,
    });
    transport.register(win.webContents);
    win.on('closed', () => (win = undefined));
  };
  await openWindow();
  app.on('activate', () => {
    if (!win) void openWindow(); // macOS: the dock icon reopens the window
  });

  let closed = false;
  app.on('will-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    closed = true;
    transport.dispose();
    void Promise.all([saving, core.close()])
      .catch((err: unknown) => log.error('shell: error while closing', { err }))
      .finally(() => app.quit());
  });
  return { window: () => win };
}
