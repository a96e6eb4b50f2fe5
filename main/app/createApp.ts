import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createRouter, type Router } from '../ipc/router';
import { FileLog, type AppLog } from '../services/app/log';
import { MemorySecretStore, type SecretStore } from '../services/app/secrets';
import { SettingsStore } from '../services/app/settings';
import { TrustStore } from '../services/app/trust';
import { WireHub } from '../services/app/wire';
import { registerUrl } from '../services/url/register';
import { registerApp, type AppHostHooks } from './registerApp';

export type { AppHostHooks } from './registerApp';

export interface CreateAppOptions {
  userDataDir: string;
  transport: 'electron' | 'web';
  /** default: in memory (nothing on disk) */
  secrets?: SecretStore;
  hooks?: AppHostHooks;
  version?: string;
  /** default: on unless NODE_ENV is production */
  validateResponses?: boolean;
}

export interface App {
  router: Router;
  settings: SettingsStore;
  trust: TrustStore;
  wire: WireHub;
  log: AppLog & { readonly file: string; flush(): Promise<void> };
  secrets: SecretStore;
  /** stops timers and flushes the log; transports close (and detach their callers) first */
  close(): Promise<void>;
}

/**
 * The composition root: builds the log, stores, wire hub and router, and registers every channel.
 * Transports (main/shell, main/host, the CLI, tests) call this once and then connect callers.
 * @example const app = await createApp({ userDataDir, transport: 'web' }); app.router.connect(caller, sink)
 */
export async function createApp(opts: CreateAppOptions): Promise<App> {
  const userDataDir = resolve(opts.userDataDir);
  await mkdir(userDataDir, { recursive: true, mode: 0o700 });

  const log = new FileLog({ dir: userDataDir });
  const router = createRouter({ log, validateResponses: opts.validateResponses });
  const settings = await SettingsStore.open(userDataDir, log);
  const trust = await TrustStore.open(userDataDir, { log });
  const wire = new WireHub({
    capacity: settings.get().wireBufferLines,
    emit: (lines) => router.emit('wire.lines', { lines }),
  });
  const secrets = opts.secrets ?? new MemorySecretStore();

  const offSettings = settings.onChange((s) => {
    if (s.wireBufferLines !== wire.capacity) wire.setCapacity(s.wireBufferLines);
    router.emit('settings.changed', s);
  });

  registerApp(router, {
    settings,
    trust,
    wire,
    log,
    secrets,
    hooks: opts.hooks ?? {},
    info: {
      name: 'Porthole',
      version: opts.version ?? '0.0.0',
      platform: process.platform,
      transport: opts.transport,
      userDataDir,
      logFile: log.file,
    },
  });

  // ── Feature modules register their channels here ────────────────────────────────────────────
  // Each feature exports `register<Feature>(router, deps)` from its service folder, takes only what
  // it needs from the deps, and returns something with close() that App.close() calls.
  const features = [await registerUrl(router, { wire, trust, settings, log, secrets, userDataDir })];
  // ─────────────────────────────────────────────────────────────────────────────────────────────

  log.info('app: started', { transport: opts.transport, version: opts.version ?? '0.0.0' });

  return {
    router,
    settings,
    trust,
    wire,
    log,
    secrets,
    async close() {
      offSettings();
      for (const f of features) f.close();
      wire.dispose();
      log.info('app: closed');
      await log.flush();
    },
  };
}
