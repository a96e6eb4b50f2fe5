import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import type { JobState } from '../../shared/ipc/jobs';
import { MemoryLog } from '../services/app/log';
import { createRouter } from './router';
import { connectTestCaller } from './testCaller';
import type { HandlerContext } from './types';

// app.selfTest is the contract's job channel; each test registers its own handler on it.
type SelfTest = (req: { ms: number; label?: string }, ctx: HandlerContext) => Promise<{ waited: number }>;

function setup(handler: SelfTest) {
  const log = new MemoryLog();
  const router = createRouter({ log, validateResponses: true });
  router.handle('app.selfTest', handler);
  const a = connectTestCaller(router, 'win-a');
  const b = connectTestCaller(router, 'win-b');
  const start = async (label?: string) => {
    const r = await a.invoke('app.selfTest', { ms: 10, ...(label ? { label } : {}) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.job;
  };
  return { log, router, a, b, start };
}

/** a promise the test resolves or rejects by hand */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const states = (s: JobState[]) => s.map((x) => x.state);

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('job registry through the router', () => {
  it('answers { job } at once, then queued → running → done { result }', async () => {
    const d = deferred<{ waited: number }>();
    const { a, start } = setup(() => d.promise);
    const job = await start('my label');
    expect(job).toMatch(/^job-[0-9a-f-]+$/);
    await vi.advanceTimersByTimeAsync(0);
    expect(states(a.jobStates(job))).toEqual(['queued', 'running']);
    d.resolve({ waited: 5 });
    await vi.advanceTimersByTimeAsync(0);
    const last = a.jobStates(job).at(-1)!;
    expect(last).toMatchObject({ state: 'done', result: { waited: 5 }, kind: 'app.selfTest', label: 'my label' });
    expect(last.endedAt).toBeGreaterThanOrEqual(last.startedAt);
  });

  it('a rejected AppError ends failed { error } with its code; anything else EINTERNAL', async () => {
    let n = 0;
    const { a, start, log } = setup(async () => {
      if (n++ === 0) throw new AppError('EAUTH', 'Login refused');
      throw new Error('boom');
    });
    const j1 = await start();
    const j2 = await start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.jobStates(j1).at(-1)).toMatchObject({ state: 'failed', error: { code: 'EAUTH', message: 'Login refused' } });
    expect(a.jobStates(j2).at(-1)).toMatchObject({ state: 'failed', error: { code: 'EINTERNAL' } });
    expect(log.entries.some((e) => e.level === 'error' && e.line.includes('Error: boom'))).toBe(true);
    // failures also reach the status bar
    expect(a.of('app.error').map((e) => e.code)).toEqual(['EAUTH', 'EINTERNAL']);
  });

  it('a result that breaks the result schema fails with EINTERNAL (dev/test)', async () => {
    const { a, start } = setup(async () => ({ waited: 'soon' }) as never);
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.jobStates(job).at(-1)).toMatchObject({ state: 'failed', error: { code: 'EINTERNAL' } });
  });

  it('throttles progress to ≤ 10 events/s and keeps the last value (trailing edge)', async () => {
    const { a, start } = setup(async (_req, ctx) => {
      // 1000 progress reports over one second
      for (let i = 1; i <= 1000; i++) {
        ctx.progress(i, 1000);
        await new Promise((r) => setTimeout(r, 1));
      }
      return new Promise(() => {}); // never finishes: only progress is under test
    });
    const job = await start();
    await vi.advanceTimersByTimeAsync(1000);
    const running = a.jobStates(job).filter((s) => s.state === 'running');
    // the first running event plus at most one per 100 ms
    expect(running.length).toBeGreaterThanOrEqual(9);
    expect(running.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < running.length; i++) expect(running[i].done! - running[i - 1].done!).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(a.jobStates(job).at(-1)).toMatchObject({ state: 'running', done: 1000, total: 1000 });
  });

  it('a burst of progress sends one event now and the latest value 100 ms later', async () => {
    let ctx!: HandlerContext;
    const { a, start } = setup((_r, c) => ((ctx = c), new Promise(() => {})));
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 50; i++) ctx.progress(i, null);
    expect(a.jobStates(job).filter((s) => s.state === 'running').map((s) => s.done)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(100);
    expect(a.jobStates(job).filter((s) => s.state === 'running').map((s) => s.done)).toEqual([0, 50]);
    expect(a.jobStates(job).at(-1)!.total).toBeNull();
  });

  it('computes a rate from progress', async () => {
    let ctx!: HandlerContext;
    const { a, start } = setup((_r, c) => ((ctx = c), new Promise(() => {})));
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 10; i++) {
      await vi.advanceTimersByTimeAsync(200);
      ctx.progress(i * 1000, 10_000); // 1000 units per 200 ms = 5000/s
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(a.jobStates(job).at(-1)!.rate).toBeCloseTo(5000, -1);
  });

  it('delivers the final state at once and never a running event after it', async () => {
    const d = deferred<{ waited: number }>();
    let ctx!: HandlerContext;
    const { a, start } = setup((_r, c) => ((ctx = c), d.promise));
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    ctx.progress(1, 3);
    ctx.progress(2, 3); // throttled: pending for the trailing edge
    d.resolve({ waited: 1 });
    await vi.advanceTimersByTimeAsync(0); // no timer time passes: the final state is not throttled
    expect(a.jobStates(job).at(-1)?.state).toBe('done');
    ctx.progress(3, 3); // late progress from a sloppy handler
    await vi.advanceTimersByTimeAsync(1000);
    expect(states(a.jobStates(job))).toEqual(['queued', 'running', 'done']);
  });

  it('job.cancel aborts the signal and ends cancelled even if the handler ignores it; the late result is dropped', async () => {
    const d = deferred<{ waited: number }>();
    let signal!: AbortSignal;
    const { a, start } = setup((_r, c) => ((signal = c.signal), d.promise));
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await a.invoke('job.cancel', { job })).toEqual({ ok: true, value: null });
    expect(signal.aborted).toBe(true);
    expect(a.jobStates(job).at(-1)?.state).toBe('cancelled');
    d.resolve({ waited: 99 });
    await vi.advanceTimersByTimeAsync(100);
    expect(states(a.jobStates(job))).toEqual(['queued', 'running', 'cancelled']);
    // cancelling a finished job of one's own is a no-op, not an error
    expect((await a.invoke('job.cancel', { job })).ok).toBe(true);
  });

  it('a handler that rejects with an abort reason ends cancelled (not failed)', async () => {
    let n = 0;
    const { a, start } = setup(async () => {
      if (n++ === 0) throw new AppError('ECANCELLED', 'stopped');
      throw new DOMException('The operation was aborted', 'AbortError');
    });
    const j1 = await start();
    const j2 = await start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.jobStates(j1).at(-1)?.state).toBe('cancelled');
    expect(a.jobStates(j2).at(-1)?.state).toBe('cancelled');
    expect(a.of('app.error')).toEqual([]);
  });

  it('other callers cannot cancel, list or see the progress of a job', async () => {
    let ctx!: HandlerContext;
    const { a, b, start } = setup((_r, c) => ((ctx = c), new Promise(() => {})));
    const job = await start();
    await vi.advanceTimersByTimeAsync(0);
    ctx.progress(5, 10);
    await vi.advanceTimersByTimeAsync(200);
    const r = await b.invoke('job.cancel', { job });
    expect(r.ok === false && r.error.code).toBe('ENOTFOUND');
    expect(ctx.signal.aborted).toBe(false);
    expect(b.of('job.state')).toEqual([]);
    const bl = await b.invoke('job.list', {});
    expect(bl.ok && bl.value).toEqual([]);
    const al = await a.invoke('job.list', {});
    expect(al.ok && al.value.map((j) => j.job)).toEqual([job]);
    // an unknown id looks exactly like a foreign one
    const unknown = await b.invoke('job.cancel', { job: 'job-nope' });
    expect(unknown.ok === false && unknown.error).toEqual(r.ok === false && r.error);
  });

  it('detach cancels every job the caller owns and leaves other callers’ jobs running', async () => {
    const signals: Record<string, AbortSignal> = {};
    const { router, a, b, start } = setup((_r, c) => ((signals[c.caller.id] = c.signal), new Promise(() => {})));
    await start();
    const rb = await b.invoke('app.selfTest', { ms: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(router.jobs.active).toBe(2);
    a.detach();
    expect(signals['win-a'].aborted).toBe(true);
    expect(signals['win-b'].aborted).toBe(false);
    expect(router.jobs.active).toBe(1);
    expect(router.jobs.list('win-a')).toEqual([]); // forgotten with its window
    expect(rb.ok && b.jobStates(rb.value.job).at(-1)?.state).toBe('running');
  });

  it('keeps at most the last 100 finished jobs for job.list', async () => {
    const { a } = setup(async () => ({ waited: 0 }));
    for (let i = 0; i < 120; i++) await a.invoke('app.selfTest', { ms: 0 });
    await vi.advanceTimersByTimeAsync(0);
    const l = await a.invoke('job.list', {});
    expect(l.ok && l.value.length).toBe(100);
    expect(l.ok && l.value.every((j) => j.state === 'done')).toBe(true);
  });

  it('refuses more running jobs than the per-caller limit with ELIMIT', async () => {
    const { a } = setup(() => new Promise(() => {}));
    let last;
    for (let i = 0; i < 201; i++) last = await a.invoke('app.selfTest', { ms: 0 });
    expect(last!.ok === false && last!.error.code).toBe('ELIMIT');
  });
});
