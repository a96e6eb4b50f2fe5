import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors';
import type { JobState } from '../../../shared/ipc/jobs';
import type { UrlSendResult } from '../../../shared/ipc/url';
import type { RobotsVerdict, UrlAnatomy } from '../../../shared/ipc/urlAnatomy';
import { UrlFetchErrorDetail, type UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { api } from '../api';
import { useJobs } from './jobs';
import { useUrlLists } from './urlLists';
import { draftToRequest, emptyDraft, newRowId, requestToDraft, type Draft } from './urlDraft';

/**
 * The URL inspector's state: the request being edited, the live anatomy of its URL, the robots.txt
 * verdict for it, and the last send. It lives here (not in components) so it survives leaving the
 * section. Anything that calls main on typing is debounced and sequenced: an answer for an older
 * input never overwrites a newer one.
 */

export interface QueryRow {
  id: string;
  name: string;
  value: string;
}

export type SendPhase = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface SendState {
  phase: SendPhase;
  job: string | null;
  /** running: body bytes received / expected (null when the server did not say) */
  done: number;
  total: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** `METHOD url` as sent, for the response header */
  label: string;
  result: UrlSendResult | null;
  error: AppErrorData | null;
  /** the failure's detail: hops so far, and for ECERT the chain and what to pin */
  failure: UrlFetchErrorDetail | null;
}

export interface RobotsState {
  agent: string;
  /** judge `draftText` instead of fetching the origin's robots.txt */
  useDraft: boolean;
  draftText: string;
  verdict: RobotsVerdict | null;
  loading: boolean;
  error: string | null;
  /** what the shown verdict was computed for (skip asking again for the same thing) */
  key: string;
}

export type RequestTab = 'params' | 'headers' | 'body' | 'auth' | 'options';
export type ResponseTab = 'body' | 'headers' | 'hops' | 'tls' | 'cookies' | 'robots';
export type BodyView = 'raw' | 'pretty' | 'preview';

export interface UrlUi {
  requestTab: RequestTab;
  responseTab: ResponseTab;
  bodyView: BodyView;
  anatomyOpen: boolean;
  historyOpen: boolean;
}

interface UrlState {
  draft: Draft;
  initialized: boolean;
  anatomy: UrlAnatomy | null;
  queryRows: QueryRow[];
  /** the URL was last written by the query table: its rows are the truth, not the anatomy's */
  urlFromTable: boolean;
  relRef: string;
  resolved: { ref: string; url: string | null } | null;
  robots: RobotsState;
  send: SendState;
  ui: UrlUi;
  /** a note above the editor (curl import warnings, history secrets missing), dismissible */
  notice: string | null;
  init(): Promise<void>;
  setUrl(url: string): void;
  patchDraft(p: Partial<Draft>): void;
  setQueryRows(rows: QueryRow[]): void;
  setRelRef(ref: string): void;
  setRobots(p: Partial<Pick<RobotsState, 'agent' | 'useDraft' | 'draftText'>>): void;
  refreshRobots(force?: boolean): Promise<void>;
  loadRequest(r: UrlFetchRequest, notice?: string | null): void;
  sendNow(): Promise<void>;
  cancel(): Promise<void>;
  onJobState(s: JobState): void;
  trustAndResend(): Promise<boolean>;
  setUi(p: Partial<UrlUi>): void;
  setNotice(n: string | null): void;
}

export const ANALYZE_DEBOUNCE_MS = 120;
export const ROBOTS_DEBOUNCE_MS = 350;

const IDLE: SendState = { phase: 'idle', job: null, done: 0, total: null, startedAt: null, endedAt: null, label: '', result: null, error: null, failure: null };

const timers: Record<'analyze' | 'robots' | 'resolve', ReturnType<typeof setTimeout> | null> = { analyze: null, robots: null, resolve: null };
const seqs = { analyze: 0, setQuery: 0, robots: 0, resolve: 0 };
function debounce(which: keyof typeof timers, ms: number, fn: () => void) {
  const t = timers[which];
  if (t) clearTimeout(t);
  timers[which] = setTimeout(() => {
    timers[which] = null;
    fn();
  }, ms);
}

/** The URL whose origin's robots.txt applies, or null when the input is not an absolute http(s) URL. */
export function robotsTarget(a: UrlAnatomy | null): string | null {
  const w = a?.whatwg;
  if (!w || (w.protocol !== 'http:' && w.protocol !== 'https:') || !w.hostname) return null;
  return w.href;
}

/** Keep row ids by position so an input being typed in keeps its focus when the anatomy answers. */
function rowsFrom(pairs: [string, string][], prev: QueryRow[]): QueryRow[] {
  return pairs.map(([name, value], i) => ({ id: prev[i]?.id ?? newRowId(), name, value }));
}

export const useUrl = create<UrlState>()((set, get) => {
  async function analyzeNow() {
    const input = get().draft.url;
    const seq = ++seqs.analyze;
    if (!input.trim()) {
      set({ anatomy: null, queryRows: get().urlFromTable ? get().queryRows : [] });
      return;
    }
    const r = await api.invoke('url.analyze', { input });
    if (!r.ok || seq !== seqs.analyze || get().draft.url !== input) return;
    const s = get();
    set({ anatomy: r.value, queryRows: s.urlFromTable ? s.queryRows : rowsFrom(r.value.queryParams, s.queryRows) });
    scheduleRobots();
    if (s.relRef.trim()) void resolveNow();
  }

  async function resolveNow() {
    const { relRef, draft } = get();
    const seq = ++seqs.resolve;
    if (!relRef.trim() || !draft.url.trim()) {
      set({ resolved: null });
      return;
    }
    const r = await api.invoke('url.analyze', { input: relRef, base: draft.url });
    if (seq !== seqs.resolve) return;
    set({ resolved: { ref: relRef, url: r.ok ? (r.value.resolved ?? null) : null } });
  }

  const scheduleAnalyze = () => debounce('analyze', ANALYZE_DEBOUNCE_MS, () => void analyzeNow());
  // marked as loading at once, so the strip dims a verdict that is about to change
  const scheduleRobots = () => {
    if (!get().robots.loading) set({ robots: { ...get().robots, loading: true } });
    debounce('robots', ROBOTS_DEBOUNCE_MS, () => void get().refreshRobots());
  };

  return {
    draft: emptyDraft(),
    initialized: false,
    anatomy: null,
    queryRows: [],
    urlFromTable: false,
    relRef: '',
    resolved: null,
    robots: { agent: '*', useDraft: false, draftText: 'User-agent: *\nDisallow: /private/\n', verdict: null, loading: false, error: null, key: '' },
    send: IDLE,
    ui: { requestTab: 'params', responseTab: 'body', bodyView: 'pretty', anatomyOpen: true, historyOpen: true },
    notice: null,

    async init() {
      if (get().initialized) return;
      set({ initialized: true });
      void useUrlLists.getState().refreshAfterSend();
      const r = await api.invoke('url.defaults', {});
      if (!r.ok) return;
      const { url, caPem } = r.value;
      if (caPem && !get().draft.caPem) get().patchDraft({ caPem, caName: 'Demo CA (PORTHOLE_DEMO_CA)' });
      if (url && !get().draft.url) get().setUrl(url);
    },

    setUrl(url) {
      set({ draft: { ...get().draft, url }, urlFromTable: false });
      scheduleAnalyze();
    },

    patchDraft(p) {
      set({ draft: { ...get().draft, ...p } });
      if (p.url !== undefined) scheduleAnalyze();
    },

    setQueryRows(rows) {
      set({ queryRows: rows, urlFromTable: true });
      const seq = ++seqs.setQuery;
      // a row with neither name nor value is one the user just added: not part of the URL yet
      const pairs = rows.filter((r) => r.name !== '' || r.value !== '').map((r) => [r.name, r.value] as [string, string]);
      void api.invoke('url.setQuery', { url: get().draft.url, pairs }).then((r) => {
        if (!r.ok || seq !== seqs.setQuery) return;
        set({ draft: { ...get().draft, url: r.value.url }, urlFromTable: true });
        scheduleAnalyze();
      });
    },

    setRelRef(ref) {
      set({ relRef: ref });
      debounce('resolve', ANALYZE_DEBOUNCE_MS, () => void resolveNow());
    },

    setRobots(p) {
      set({ robots: { ...get().robots, ...p } });
      scheduleRobots();
    },

    async refreshRobots(force = false) {
      const { anatomy, robots, draft } = get();
      const url = robotsTarget(anatomy);
      if (!url) {
        if (robots.verdict || robots.error || robots.loading) set({ robots: { ...robots, verdict: null, error: null, key: '', loading: false } });
        return;
      }
      const agent = robots.agent.trim() || '*';
      const key = JSON.stringify([url, agent, robots.useDraft ? robots.draftText : null, draft.caPem]);
      if (key === robots.key && !force) {
        if (robots.loading) set({ robots: { ...robots, loading: false } });
        return;
      }
      const seq = ++seqs.robots;
      set({ robots: { ...robots, loading: true } });
      const r = await api.invoke('url.robots', {
        url,
        agent,
        explain: true,
        ...(robots.useDraft ? { draft: robots.draftText } : {}),
        ...(draft.caPem ? { ca: draft.caPem } : {}),
        ...(force ? { refresh: true } : {}),
      });
      if (seq !== seqs.robots) return;
      const now = get().robots;
      set({ robots: r.ok ? { ...now, verdict: r.value, error: null, loading: false, key } : { ...now, verdict: null, error: r.error.message, loading: false, key } });
    },

    loadRequest(r, notice = null) {
      set({ draft: requestToDraft(r, get().draft), urlFromTable: false, notice });
      scheduleAnalyze();
    },

    async sendNow() {
      const { draft, send, robots } = get();
      if (send.phase === 'starting' || send.phase === 'running') return;
      const req = draftToRequest(draft, robots.agent.trim() || '*');
      const label = `${req.method} ${req.url}`;
      if (timers.analyze) {
        clearTimeout(timers.analyze);
        timers.analyze = null;
        void analyzeNow();
      }
      if (!req.url) {
        set({ send: { ...IDLE, phase: 'failed', label, error: { code: 'EINVALID', message: 'Type a URL to send a request to.' } } });
        return;
      }
      set({ send: { ...IDLE, phase: 'starting', label, startedAt: Date.now() } });
      const r = await api.invoke('url.send', req);
      if (!r.ok) {
        set({ send: { ...get().send, phase: 'failed', endedAt: Date.now(), error: r.error, failure: parseFailure(r.error) } });
        return;
      }
      set({ send: { ...get().send, phase: 'running', job: r.value.job } });
      // job.state events may have arrived before the answer: the jobs store kept them
      const early = useJobs.getState().byId[r.value.job];
      if (early) get().onJobState(early);
    },

    async cancel() {
      const { job, phase } = get().send;
      if (job && (phase === 'running' || phase === 'starting')) await api.invoke('job.cancel', { job });
    },

    onJobState(s) {
      const send = get().send;
      if (!send.job || s.job !== send.job || send.phase !== 'running') return;
      if (s.state === 'queued' || s.state === 'running') {
        set({ send: { ...send, done: s.done ?? send.done, total: s.total ?? send.total } });
        return;
      }
      const endedAt = s.endedAt ?? Date.now();
      if (s.state === 'done') set({ send: { ...send, phase: 'done', endedAt, result: s.result as UrlSendResult } });
      else if (s.state === 'failed') {
        const error = s.error ?? { code: 'EINTERNAL' as const, message: 'The send failed without a reason.' };
        set({ send: { ...send, phase: 'failed', endedAt, error, failure: parseFailure(error) } });
      } else set({ send: { ...send, phase: 'cancelled', endedAt } });
      void useUrlLists.getState().refreshAfterSend();
    },

    async trustAndResend() {
      const f = get().send.failure;
      if (!f?.fingerprint || !f.host || !f.port) return false;
      const subject = f.chain?.[0]?.subject?.slice(0, 1024);
      const r = await api.invoke('trust.add', { host: f.host, port: f.port, sha256: f.fingerprint, ...(subject ? { subject } : {}) });
      if (!r.ok) return false;
      // the origin's robots.txt failed on the same certificate: ask again now that it is pinned
      void get().refreshRobots(true);
      await get().sendNow();
      return true;
    },

    setUi: (p) => set({ ui: { ...get().ui, ...p } }),
    setNotice: (notice) => set({ notice }),
  };
});

function parseFailure(e: AppErrorData): UrlFetchErrorDetail | null {
  const p = UrlFetchErrorDetail.safeParse(e.detail);
  return p.success ? p.data : null;
}

/** Is a send in flight (Send becomes Cancel)? */
export const selectBusy = (s: UrlState): boolean => s.send.phase === 'starting' || s.send.phase === 'running';
