import { create } from 'zustand';
import type { Settings, TrustEntry } from '../../../shared/ipc/app';
import type { Result } from '../../../shared/errors';
import { api } from '../api';

type Patch = Partial<Settings>;

interface SettingsState {
  settings: Settings | null;
  trust: TrustEntry[];
  trustLoaded: boolean;
  /** the answer of the last "open log folder": the web host cannot open it, so we show the path */
  logFolder: { path: string; opened: boolean } | null;
  openLogFolder(): Promise<{ path: string; opened: boolean } | null>;
  load(): Promise<void>;
  save(patch: Patch): Promise<Result<Settings>>;
  loadTrust(): Promise<void>;
  revoke(e: Pick<TrustEntry, 'host' | 'port' | 'sha256'>): Promise<void>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  settings: null,
  trust: [],
  trustLoaded: false,
  logFolder: null,
  async openLogFolder() {
    const r = await api.invoke('app.openLogFolder', {});
    if (!r.ok) return null;
    set({ logFolder: r.value });
    return r.value;
  },
  async load() {
    const r = await api.invoke('settings.get', {});
    if (r.ok) set({ settings: r.value });
  },
  async save(patch) {
    const r = await api.invoke('settings.set', patch);
    if (r.ok) set({ settings: r.value });
    return r;
  },
  async loadTrust() {
    const r = await api.invoke('trust.list', {});
    if (r.ok) set({ trust: r.value, trustLoaded: true });
  },
  async revoke({ host, port, sha256 }) {
    const r = await api.invoke('trust.revoke', { host, port, sha256 });
    if (r.ok) set({ trust: get().trust.filter((t) => !(t.host === host && t.port === port && t.sha256 === sha256)) });
  },
}));
