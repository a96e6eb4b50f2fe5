import { create } from 'zustand';
import type { UrlHistorySummary } from '../../../shared/ipc/url';
import type { Cookie } from '../../../shared/ipc/urlFetch';
import { api } from '../api';

/**
 * The URL inspector's two lists that live in main: the persisted request history and this
 * window's cookie jar. Both are reloaded after every send (a send adds an entry and may set
 * cookies); the editor store (./url) calls `refreshAfterSend`.
 */
interface UrlListsState {
  historyQuery: string;
  history: UrlHistorySummary[];
  historyLoaded: boolean;
  cookies: Cookie[];
  cookiesLoaded: boolean;
  setHistoryQuery(q: string): void;
  loadHistory(): Promise<void>;
  deleteHistory(id: string): Promise<void>;
  clearHistory(): Promise<void>;
  loadCookies(): Promise<void>;
  setCookie(c: Cookie): Promise<boolean>;
  deleteCookie(c: Pick<Cookie, 'domain' | 'path' | 'name'>): Promise<void>;
  clearCookies(): Promise<void>;
  refreshAfterSend(): Promise<void>;
}

export const HISTORY_LIMIT = 200;
const HISTORY_SEARCH_DEBOUNCE_MS = 150;
let historyTimer: ReturnType<typeof setTimeout> | null = null;
// answers of an older search must not replace a newer one
let historySeq = 0;

export const useUrlLists = create<UrlListsState>()((set, get) => ({
  historyQuery: '',
  history: [],
  historyLoaded: false,
  cookies: [],
  cookiesLoaded: false,
  setHistoryQuery(q) {
    set({ historyQuery: q });
    if (historyTimer) clearTimeout(historyTimer);
    historyTimer = setTimeout(() => void get().loadHistory(), HISTORY_SEARCH_DEBOUNCE_MS);
  },
  async loadHistory() {
    const seq = ++historySeq;
    const q = get().historyQuery.trim();
    const r = await api.invoke('url.history.list', q ? { query: q, limit: HISTORY_LIMIT } : { limit: HISTORY_LIMIT });
    if (r.ok && seq === historySeq) set({ history: r.value, historyLoaded: true });
  },
  async deleteHistory(id) {
    const r = await api.invoke('url.history.delete', { id });
    if (r.ok) set({ history: get().history.filter((h) => h.id !== id) });
  },
  async clearHistory() {
    const r = await api.invoke('url.history.clear', {});
    if (r.ok) set({ history: [] });
  },
  async loadCookies() {
    const r = await api.invoke('url.cookies.list', {});
    if (r.ok) set({ cookies: r.value, cookiesLoaded: true });
  },
  async setCookie(c) {
    const r = await api.invoke('url.cookies.set', { cookie: c });
    if (r.ok) set({ cookies: r.value, cookiesLoaded: true });
    return r.ok;
  },
  async deleteCookie({ domain, path, name }) {
    const r = await api.invoke('url.cookies.delete', { domain, path, name });
    if (r.ok) set({ cookies: get().cookies.filter((c) => !(c.domain === domain && c.path === path && c.name === name)) });
  },
  async clearCookies() {
    const r = await api.invoke('url.cookies.clear', {});
    if (r.ok) set({ cookies: [] });
  },
  async refreshAfterSend() {
    await Promise.all([get().loadHistory(), get().loadCookies()]);
  },
}));
