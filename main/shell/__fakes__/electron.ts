/**
 * A small stand-in for the 'electron' module, for unit tests only (`vi.mock('electron', …)`):
 * Electron's binary is not on this machine, and these tests assert *our* settings and refusals,
 * which these fakes record. Each test file gets its own copy (vitest isolates modules per file).
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

type Listener = (...args: never[]) => unknown;

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    public processId = 1,
    public routingId = 1,
  ) {}
}

let nextWcId = 1;
export class FakeWebContents extends EventEmitter {
  id = nextWcId++;
  mainFrame = new FakeFrame('about:blank', null, 1, this.id);
  sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler?: (d: { url: string }) => { action: 'deny' | 'allow' };
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = h;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** emits an event that a listener may cancel; answers whether it was prevented */
  fire(name: string, details: Record<string, unknown> = {}): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  bounds: { x: number; y: number; width: number; height: number };
  maximized = false;
  minimized = false;
  visible = false;
  focused = false;
  destroyed = false;
  constructor(public options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    this.bounds = { x: (options.x as number) ?? 0, y: (options.y as number) ?? 0, width: options.width as number, height: options.height as number };
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string) {
    this.loaded = { file };
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded = { url };
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export const fakeSession = {
  headersListener: undefined as undefined | Listener,
  permissionRequest: undefined as undefined | Listener,
  permissionCheck: undefined as undefined | Listener,
  webRequest: {
    onHeadersReceived(l: Listener) {
      fakeSession.headersListener = l;
    },
  },
  setPermissionRequestHandler(h: Listener) {
    fakeSession.permissionRequest = h;
  },
  setPermissionCheckHandler(h: Listener) {
    fakeSession.permissionCheck = h;
  },
};

export const fakeIpcMain = {
  handlers: new Map<string, (...a: unknown[]) => unknown>(),
  handle(channel: string, fn: (...a: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

class FakeApp extends EventEmitter {
  lock = true;
  quitCalls = 0;
  exitCode?: number;
  userData = '/tmp/porthole-fake-userdata';
  appPath = '/opt/porthole';
  isPackaged = true;
  requestSingleInstanceLock() {
    return this.lock;
  }
  quit() {
    this.quitCalls++;
  }
  exit(code: number) {
    this.exitCode = code;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '0.0.0-test';
  }
}
export const fakeApp = new FakeApp();

/** A keyring that "encrypts" by reversing and tagging, so a test can see ciphertext ≠ plaintext. */
export const fakeSafeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(s: string) {
    return Buffer.from(`enc:${[...s].reverse().join('')}`, 'utf8');
  },
  decryptString(b: Buffer) {
    const t = b.toString('utf8');
    if (!t.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...t.slice(4)].reverse().join('');
  },
};

export const fakeShell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
  async openPath(p: string) {
    this.openedPaths.push(p);
    return '';
  },
};

export const fakeScreen = {
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
  getPrimaryDisplay() {
    return this.displays[0]!;
  },
  getAllDisplays() {
    return this.displays;
  },
};

export const fakeMenu = {
  installed: undefined as unknown,
  buildFromTemplate: (t: unknown) => ({ template: t }),
  setApplicationMenu(m: unknown) {
    fakeMenu.installed = m;
  },
};

export const fakeDialog = { errors: [] as string[][], showErrorBox: (t: string, c: string) => void fakeDialog.errors.push([t, c]) };

export const fakeContextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

export const fakeIpcRenderer = Object.assign(new EventEmitter(), {
  invoked: [] as unknown[][],
  reply: undefined as unknown,
  async invoke(...args: unknown[]) {
    fakeIpcRenderer.invoked.push(args);
    return fakeIpcRenderer.reply;
  },
});

/** The module shape `vi.mock('electron', () => electronModule)` returns. */
export const electronModule = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  session: { defaultSession: fakeSession },
  ipcMain: fakeIpcMain,
  safeStorage: fakeSafeStorage,
  shell: fakeShell,
  screen: fakeScreen,
  Menu: fakeMenu,
  dialog: fakeDialog,
  contextBridge: fakeContextBridge,
  ipcRenderer: fakeIpcRenderer,
};
