import { create } from 'zustand';

export interface ErrorEntry {
  code: string;
  message: string;
  detail?: unknown;
  /** the channel whose call failed, or that main names in app.error */
  channel?: string;
  t: number;
  /** call: an invoke answered ok:false; main: app.error event; job: a job ended failed */
  source: 'call' | 'main' | 'job';
}

const KEEP = 50;

interface ErrorsState {
  last: ErrorEntry | null;
  /** newest first, bounded */
  recent: ErrorEntry[];
  report(e: ErrorEntry): void;
  dismiss(): void;
}

export const useErrors = create<ErrorsState>()((set, get) => ({
  last: null,
  recent: [],
  report(e) {
    set({ last: e, recent: [e, ...get().recent].slice(0, KEEP) });
  },
  dismiss: () => set({ last: null }),
}));
