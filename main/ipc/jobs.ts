import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorData } from '../../shared/errors';
import type { JobState } from '../../shared/ipc/jobs';
import type { AppLog } from '../services/app/log';
import type { Caller, HandlerContext } from './types';

/** What a job runs: the router wraps the channel's handler (and its result check) into this. */
export type JobRun = (ctx: HandlerContext) => Promise<unknown>;

export interface JobRegistry {
  /** registers and starts a job owned by `caller`; answers its id at once (ELIMIT when the caller has too many) */
  start(o: { caller: Caller; kind: string; label: string; run: JobRun }): string;
  /** only the owner may cancel; 'finished' when it already ended, 'notfound' for unknown or foreign jobs */
  cancel(callerId: string, job: string): 'cancelled' | 'finished' | 'notfound';
  /** cancels every running job of a caller and forgets its finished ones (its window is gone) */
  cancelAll(callerId: string): void;
  /** the caller's running jobs and recently finished ones, oldest first */
  list(callerId: string): JobState[];
  /** jobs not yet finished, of all callers */
  readonly active: number;
}

export interface JobRegistryOptions {
  /** delivers a job.state to its owner only */
  send(callerId: string, state: JobState): void;
  /** maps a handler's rejection to error data (logs the ones that are bugs) */
  toError(e: unknown, kind: string): AppErrorData;
  log: AppLog;
  now?: () => number;
  /** minimum gap between two running events of one job (default 100 ms → ≤ 10/s) */
  progressMs?: number;
  historyLimit?: number;
  historyMs?: number;
  maxActivePerCaller?: number;
}

interface Job {
  owner: string;
  state: JobState;
  ac: AbortController;
  final: boolean;
  lastSentAt: number;
  timer?: ReturnType<typeof setTimeout>;
  /** progress samples over the last few seconds, for the rate */
  samples: { t: number; done: number }[];
}

const RATE_WINDOW_MS = 3000;

/** True for the ways code says "aborted": our ECANCELLED, DOMException/AbortError, signal reasons. */
export function isAbortLike(e: unknown): boolean {
  if (e instanceof AppError) return e.code === 'ECANCELLED';
  return typeof e === 'object' && e !== null && ((e as { name?: unknown }).name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

/**
 * The job registry: long work as data (queued → running → done | failed | cancelled), an
 * AbortController per job, progress throttled per job with the trailing value kept, final states
 * delivered at once, and events only ever to the job's owner.
 */
export function createJobRegistry(opts: JobRegistryOptions): JobRegistry {
  const now = opts.now ?? (() => Date.now()); // late-bound so fake timers apply
  const progressMs = opts.progressMs ?? 100;
  const historyLimit = opts.historyLimit ?? 100;
  const historyMs = opts.historyMs ?? 30 * 60_000;
  const maxActive = opts.maxActivePerCaller ?? 200;
  const active = new Map<string, Job>();
  let history: { owner: string; state: JobState }[] = [];

  const copy = (s: JobState): JobState => ({ ...s });
  const deliver = (job: Job) => {
    try {
      opts.send(job.owner, copy(job.state));
    } catch (e) {
      opts.log.warn('job.state delivery failed', { job: job.state.job, err: e });
    }
  };

  /** throttled: at most one running event per progressMs; the latest value goes out on the trailing edge */
  const sendRunning = (job: Job) => {
    const wait = job.lastSentAt + progressMs - now();
    if (wait <= 0) {
      job.lastSentAt = now();
      deliver(job);
    } else {
      job.timer ??= setTimeout(() => {
        job.timer = undefined;
        if (job.final) return;
        job.lastSentAt = now();
        deliver(job);
      }, wait);
    }
  };

  const finish = (job: Job, end: Pick<JobState, 'state' | 'result' | 'error'>) => {
    if (job.final) return;
    job.final = true;
    // a pending throttled progress must never arrive after the final state
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
    const { done, total } = job.state;
    job.state = { job: job.state.job, kind: job.state.kind, label: job.state.label, state: end.state, startedAt: job.state.startedAt, endedAt: now() };
    if (done !== undefined) Object.assign(job.state, { done, total });
    if (end.state === 'done') job.state.result = end.result;
    if (end.state === 'failed') job.state.error = end.error;
    active.delete(job.state.job);
    history.push({ owner: job.owner, state: job.state });
    prune();
    deliver(job);
  };

  const prune = () => {
    const cutoff = now() - historyMs;
    history = history.filter((h) => (h.state.endedAt ?? 0) >= cutoff).slice(-historyLimit);
  };

  const rate = (job: Job): number => {
    const s = job.samples;
    if (s.length < 2) return 0;
    const dt = (s[s.length - 1].t - s[0].t) / 1000;
    return dt > 0 ? Math.max(0, (s[s.length - 1].done - s[0].done) / dt) : 0;
  };

  const progress = (job: Job, done: number, total?: number | null) => {
    if (job.final || job.state.state !== 'running' || !Number.isFinite(done)) return;
    const t = now();
    job.samples.push({ t, done });
    while (job.samples.length > 2 && job.samples[1].t <= t - RATE_WINDOW_MS) job.samples.shift();
    job.state.done = done;
    job.state.total = total === undefined ? (job.state.total ?? null) : total;
    job.state.rate = rate(job);
    sendRunning(job);
  };

  return {
    start({ caller, kind, label, run }) {
      let mine = 0;
      for (const j of active.values()) if (j.owner === caller.id) mine++;
      if (mine >= maxActive) throw new AppError('ELIMIT', `Too many running jobs (${maxActive})`);
      const id = `job-${randomUUID()}`;
      const job: Job = {
        owner: caller.id,
        state: { job: id, kind, label, state: 'queued', startedAt: now() },
        ac: new AbortController(),
        final: false,
        lastSentAt: -Infinity,
        samples: [],
      };
      active.set(id, job);
      deliver(job);
      const ctx: HandlerContext = { caller, signal: job.ac.signal, progress: (d, t) => progress(job, d, t) };
      // Start on a microtask, so the handler never runs inside the invoke that answers { job }.
      queueMicrotask(() => {
        if (job.final) return; // cancelled while queued
        Object.assign(job.state, { state: 'running', done: 0, total: null, rate: 0 });
        job.samples.push({ t: now(), done: 0 });
        sendRunning(job);
        let p: Promise<unknown>;
        try {
          p = Promise.resolve(run(ctx));
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(
          (result) => finish(job, { state: 'done', result }), // ignored if cancelled meanwhile
          (e: unknown) => {
            if (job.final) return; // late rejection of a cancelled job
            if (isAbortLike(e) || job.ac.signal.aborted) finish(job, { state: 'cancelled' });
            else finish(job, { state: 'failed', error: opts.toError(e, kind) });
          },
        );
      });
      return id;
    },

    cancel(callerId, id) {
      const job = active.get(id);
      if (!job || job.owner !== callerId) {
        // a foreign job answers exactly like a missing one: ids must not be probeable
        return history.some((h) => h.state.job === id && h.owner === callerId) ? 'finished' : 'notfound';
      }
      // final first: whatever the handler does when aborted (resolve, reject) is now ignored
      finish(job, { state: 'cancelled' });
      job.ac.abort(new AppError('ECANCELLED', 'Cancelled'));
      return 'cancelled';
    },

    cancelAll(callerId) {
      for (const job of [...active.values()]) {
        if (job.owner !== callerId) continue;
        finish(job, { state: 'cancelled' });
        job.ac.abort(new AppError('ECANCELLED', 'Cancelled: the window or connection went away'));
      }
      history = history.filter((h) => h.owner !== callerId);
    },

    list(callerId) {
      prune();
      const live = [...active.values()].filter((j) => j.owner === callerId).map((j) => j.state);
      const old = history.filter((h) => h.owner === callerId).map((h) => h.state);
      return [...old, ...live].sort((a, b) => a.startedAt - b.startedAt).map(copy);
    },

    get active() {
      return active.size;
    },
  };
}
