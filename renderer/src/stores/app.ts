import { create } from 'zustand';
import type { AppInfo, Section, Settings } from '../../../shared/ipc/app';
import { api, type ConnInfo } from '../api';

export type Theme = Settings['theme'];

interface AppState {
  section: Section;
  /** the user's choice; 'system' follows prefers-color-scheme */
  theme: Theme;
  info: AppInfo | null;
  conn: ConnInfo;
  paletteOpen: boolean;
  /** the user has picked a section this session: start-up must not override it with lastSection */
  navigated: boolean;
  openSection(s: Section): void;
  setTheme(t: Theme): void;
  setPaletteOpen(open: boolean): void;
}

export const useApp = create<AppState>()((set, get) => ({
  section: 'mail',
  theme: 'system',
  info: null,
  conn: { state: 'connecting', opens: 0 },
  paletteOpen: false,
  navigated: false,
  openSection(s) {
    if (get().section === s) return;
    set({ section: s, navigated: true });
    // remembered so the next start opens where the user left off
    void api.invoke('settings.set', { lastSection: s });
  },
  setTheme(t) {
    set({ theme: t });
    void api.invoke('settings.set', { theme: t });
  },
  setPaletteOpen: (open) => set({ paletteOpen: open }),
}));

/** The theme actually shown: the override, or the OS preference. */
export function effectiveTheme(t: Theme): 'light' | 'dark' {
  if (t !== 'system') return t;
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  return mq?.matches ? 'dark' : 'light';
}
