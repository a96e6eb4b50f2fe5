import { BrowserWindow, type Session, type WebContents } from 'electron';
import { ELECTRON_CSP } from '../host/csp';
import type { TransportLog } from '../host/wsTransport';
import { isSafeExternalUrl, type RendererTarget } from './renderer';
import { MIN_SIZE, type WindowState } from './windowState';

export interface MainWindowOptions {
  target: RendererTarget;
  /** out/preload/index.cjs */
  preload: string;
  /** already clamped to the current displays */
  state: WindowState;
  openExternal(url: string): void;
  /** called (debounced) whenever size, position or maximised state change, and on close */
  saveState(state: WindowState): void;
  log?: TransportLog;
}

/** The security settings of every window we create (asserted by window.test.ts). */
export const WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

/**
 * Session-wide defences: our CSP on every response (file:// pages also get it from the page's
 * meta tag, since not every scheme passes through webRequest), and no permission is ever granted —
 * Porthole needs no camera, microphone, notifications or geolocation.
 */
export function hardenSession(ses: Session, csp = ELECTRON_CSP): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-security-policy') delete headers[k];
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/**
 * Per-page defences: the page never navigates away (a link click or script redirect would hand our
 * bridge to another page), new windows are never opened (http(s) links go to the system browser),
 * and no <webview> may attach.
 */
export function hardenWebContents(wc: WebContents, opts: { openExternal(url: string): void; log?: TransportLog }): void {
  wc.on('will-navigate', (event) => {
    if (event.isSameDocument) return;
    event.preventDefault();
    opts.log?.warn('shell: navigation blocked', { url: event.url.slice(0, 200) });
  });
  wc.on('will-redirect', (event) => {
    if (event.isMainFrame && !event.isSameDocument) event.preventDefault();
  });
  wc.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) opts.openExternal(url);
    else opts.log?.warn('shell: window.open refused', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates the one main window with its security settings, restores its state and loads the UI. */
export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const { state } = opts;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Porthole',
    backgroundColor: '#1e1e1e',
    webPreferences: { ...WEB_PREFERENCES, preload: opts.preload },
  });
  hardenWebContents(win.webContents, opts);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });

  // Remember size and position: normal bounds, so a maximised window restores to its old size.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const current = (): WindowState => ({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win.isDestroyed()) opts.saveState(current());
    }, 500);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e as 'resize', schedule);
  win.on('close', () => {
    clearTimeout(timer);
    opts.saveState(current());
  });

  const loaded = opts.target.kind === 'url' ? win.loadURL(opts.target.url) : win.loadFile(opts.target.file);
  loaded.catch((e: unknown) => opts.log?.warn('shell: renderer failed to load', { err: e }));
  return win;
}
