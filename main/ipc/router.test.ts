import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { MemoryLog } from '../services/app/log';
import { createRouter } from './router';
import { connectTestCaller } from './testCaller';

function setup(validateResponses = true) {
  const log = new MemoryLog();
  const router = createRouter({ log, validateResponses });
  return { log, router, a: connectTestCaller(router, 'win-a'), b: connectTestCaller(router, 'win-b') };
}

describe('router: validation and Result wrapping', () => {
  it('refuses an unknown channel with EINVALID and logs the channel only', async () => {
    const { router, a, log } = setup();
    const r = await router.invoke(a.caller, 'fs.readAll', { path: '/etc/shadow' });
    expect(r).toEqual({ ok: false, error: { code: 'EINVALID', message: 'Unknown channel' } });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0].line).toContain('channel="fs.readAll"');
    expect(log.entries[0].line).not.toContain('shadow');
  });

  it('refuses an invalid payload before the handler runs, without logging the values', async () => {
    const { router, a, log } = setup();
    let ran = false;
    router.handle('trust.add', () => {
      ran = true;
      throw new Error('unreachable');
    });
    const r = await router.invoke(a.caller, 'trust.add', { host: 'h', port: 'hunter2-secret', sha256: 'x' });
    expect(ran).toBe(false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('EINVALID');
    const issues = (r.error.detail as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['port', 'sha256']));
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(log.entries.map((e) => e.line).join('')).not.toContain('hunter2');
    expect(log.entries[0].line).toContain('channel="trust.add"');
  });

  it('refuses a caller that is not connected', async () => {
    const { router } = setup();
    router.handle('settings.get', () => {
      throw new Error('unreachable');
    });
    const r = await router.invoke({ id: 'ghost', transport: 'web' }, 'settings.get', {});
    expect(r.ok === false && r.error.code).toBe('EINVALID');
  });

  it('maps a thrown AppError to its code and tells only that caller (app.error)', async () => {
    const { router, a, b } = setup();
    router.handle('trust.revoke', () => {
      throw new AppError('ENOTFOUND', 'No such trusted certificate', { host: 'h' });
    });
    const r = await a.invoke('trust.revoke', { host: 'h', port: 1, sha256: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'ENOTFOUND', message: 'No such trusted certificate', detail: { host: 'h' } } });
    expect(a.of('app.error')).toEqual([expect.objectContaining({ code: 'ENOTFOUND', channel: 'trust.revoke' })]);
    expect(b.events).toEqual([]);
  });

  it('maps anything else to EINTERNAL and logs the stack', async () => {
    const { router, a, log } = setup();
    router.handle('settings.get', () => {
      throw new TypeError('x is undefined');
    });
    const r = await a.invoke('settings.get', {});
    expect(r.ok === false && r.error).toEqual({ code: 'EINTERNAL', message: 'Internal error: x is undefined' });
    const entry = log.entries.find((e) => e.level === 'error')!;
    expect(entry.line).toContain('TypeError: x is undefined');
    expect(entry.line).toMatch(/\n\s+at /); // stack frames
  });

  it('wraps values, turns undefined into null for void channels', async () => {
    const { router, a } = setup();
    router.handle('wire.clear', () => undefined as unknown as null);
    expect(await a.invoke('wire.clear', {})).toEqual({ ok: true, value: null });
  });

  it('checks responses against the schema in dev/test (our bugs show), not when turned off', async () => {
    for (const validate of [true, false]) {
      const { router, a } = setup(validate);
      router.handle('wire.connections', () => [{ nope: 1 }] as never);
      const r = await a.invoke('wire.connections', {});
      expect(r.ok).toBe(!validate);
      if (!r.ok) expect(r.error.code).toBe('EINTERNAL');
    }
  });

  it('handle() refuses unknown and duplicate channels', () => {
    const { router } = setup();
    expect(() => router.handle('nope' as 'settings.get', () => ({}) as never)).toThrow(/not a contract channel/);
    router.handle('settings.get', () => ({}) as never);
    expect(() => router.handle('settings.get', () => ({}) as never)).toThrow(/already has a handler/);
    expect(() => router.handle('job.cancel', () => null)).toThrow(/already has a handler/); // the router's own
  });

  it('answers EINTERNAL for a declared channel nobody registered', async () => {
    const { a } = setup();
    const r = await a.invoke('wire.snapshot', {});
    expect(r.ok === false && r.error.code).toBe('EINTERNAL');
  });
});

describe('router: events and connections', () => {
  it('emits to one caller or to all, and drops payloads that break the schema', () => {
    const { router, a, b, log } = setup();
    const lines = { lines: [] };
    router.emit('wire.lines', lines, 'win-b');
    expect(a.events).toEqual([]);
    expect(b.of('wire.lines')).toEqual([lines]);
    router.emit('wire.lines', lines);
    expect(a.of('wire.lines')).toHaveLength(1);
    expect(b.of('wire.lines')).toHaveLength(2);
    router.emit('wire.lines', { lines: 'bad' } as never);
    expect(b.of('wire.lines')).toHaveLength(2);
    expect(log.entries.at(-1)?.line).toContain('event="wire.lines"');
  });

  it('survives a sink that throws', () => {
    const { router, a, log } = setup();
    router.connect({ id: 'dead', transport: 'electron' }, () => {
      throw new Error('Object has been destroyed');
    });
    router.emit('wire.lines', { lines: [] });
    expect(a.of('wire.lines')).toHaveLength(1);
    expect(log.entries.some((e) => e.level === 'warn' && e.line.includes('caller="dead"'))).toBe(true);
  });

  it('detach aborts the caller’s calls in flight and refuses its later calls', async () => {
    const { router, a } = setup();
    let signal: AbortSignal | undefined;
    router.handle('settings.get', (_r, ctx) => {
      signal = ctx.signal;
      return new Promise((_res, rej) => ctx.signal.addEventListener('abort', () => rej(ctx.signal.reason)));
    });
    const p = a.invoke('settings.get', {});
    a.detach();
    expect(signal?.aborted).toBe(true);
    expect(await p).toEqual({ ok: false, error: { code: 'ECANCELLED', message: expect.any(String) } });
    expect((await a.invoke('settings.get', {})).ok).toBe(false);
  });

  it('connecting the same id again replaces the old connection (old detach is a no-op)', () => {
    const { router } = setup();
    const first: string[] = [];
    const second: string[] = [];
    const off1 = router.connect({ id: 'w', transport: 'electron' }, (e) => void first.push(e));
    router.connect({ id: 'w', transport: 'electron' }, (e) => void second.push(e));
    off1();
    router.emit('wire.lines', { lines: [] }, 'w');
    expect(first).toEqual([]);
    expect(second).toEqual(['wire.lines']);
  });
});
