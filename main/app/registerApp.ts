import type { SecretStore } from '../services/app/secrets';
import { AppError } from '../../shared/errors';
import type { Router } from '../ipc/router';
import type { AppLog } from '../services/app/log';
import type { SettingsStore } from '../services/app/settings';
import type { TrustStore } from '../services/app/trust';
import type { WireHub } from '../services/app/wire';

/** What the host (Electron shell or browser host) can do that main's services cannot. */
export interface AppHostHooks {
  /** opens a folder in the file manager; false when it could not */
  openPath?(p: string): Promise<boolean>;
  /** opens an http(s) URL in the system browser */
  openExternal?(url: string): Promise<void>;
}

export interface AppDeps {
  settings: SettingsStore;
  trust: TrustStore;
  wire: WireHub;
  log: AppLog;
  secrets: SecretStore;
  hooks: AppHostHooks;
  info: { name: string; version: string; platform: string; transport: 'electron' | 'web'; userDataDir: string; logFile: string };
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The foundation's channels (shared/ipc/app.ts), except job.list/job.cancel which the router owns. */
export function registerApp(router: Router, d: AppDeps): void {
  router.handle('app.info', () => ({ ...d.info }));

  router.handle('app.openLogFolder', async () => {
    const path = d.info.userDataDir;
    // the web host has nothing to open on the user's screen: it answers the path to show
    const opened = d.hooks.openPath ? await d.hooks.openPath(path).catch(() => false) : false;
    return { path, opened };
  });

  router.handle('app.openExternal', async ({ url }) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new AppError('EINVALID', 'Not a URL');
    }
    // file:, javascript:, custom schemes could run or open local things: never hand them to the OS
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('EINVALID', 'Only http and https links can be opened');
    if (!d.hooks.openExternal) throw new AppError('EINVALID', 'Opening links is not available here; open it in your browser');
    await d.hooks.openExternal(u.href);
    return null;
  });

  router.handle('settings.get', () => d.settings.get());
  router.handle('settings.set', (patch) => d.settings.patch(patch));

  router.handle('secrets.status', () => d.secrets.status());
  router.handle('secrets.allowInsecure', () => {
    d.secrets.allowInsecure?.();
    d.log.warn('secrets: the user allowed storing passwords in an insecure store', { backend: d.secrets.status().backend });
    return d.secrets.status();
  });

  router.handle('trust.list', () => d.trust.list());
  router.handle('trust.add', (e) => d.trust.add(e));
  router.handle('trust.revoke', async ({ host, port, sha256 }) => {
    await d.trust.revoke(host, port, sha256);
    return null;
  });

  router.handle('wire.snapshot', (f) => d.wire.snapshot(f));
  router.handle('wire.connections', () => d.wire.connections());
  router.handle('wire.clear', () => {
    d.wire.clear();
    return null;
  });
  router.handle('wire.export', (f) => d.wire.exportText(f));

  // A job that only waits, reporting progress every 50 ms: exercises progress and cancel end to end.
  router.handle('app.selfTest', async ({ ms }, ctx) => {
    const started = Date.now();
    for (let waited = 0; waited < ms; waited = Date.now() - started) {
      await sleep(Math.min(50, ms - waited), ctx.signal);
      ctx.progress(Math.min(Date.now() - started, ms), ms);
    }
    return { waited: Date.now() - started };
  });
}
