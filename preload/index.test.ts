import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT, ELECTRON_INVOKE, type PortholeBridge } from '../shared/ipc/bridge';
import { CHANNELS, EVENT_NAMES } from '../shared/ipc/contract';
import { fakeContextBridge, fakeIpcRenderer } from '../main/shell/__fakes__/electron';

vi.mock('electron', async () => (await import('../main/shell/__fakes__/electron')).electronModule);

let api: PortholeBridge;
beforeEach(async () => {
  await import('./index');
  api = fakeContextBridge.exposed.get('porthole') as PortholeBridge;
  fakeIpcRenderer.invoked.length = 0;
});

describe('preload', () => {
  it('exposes exactly window.porthole = { invoke, on }', () => {
    expect([...fakeContextBridge.exposed.keys()]).toEqual(['porthole']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('passes every declared channel to main on the one invoke channel', async () => {
    fakeIpcRenderer.reply = { ok: true, value: 'x' };
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const c of CHANNELS) expect(await api.invoke(c, {} as never)).toEqual({ ok: true, value: 'x' });
    expect(fakeIpcRenderer.invoked).toEqual(CHANNELS.map((c) => [ELECTRON_INVOKE, c, {}]));
  });

  it.each(['fs.readFile', 'porthole:invoke', '__proto__', 'constructor', 'toString', '', 42])(
    'refuses the undeclared channel %s without calling ipcRenderer',
    async (c) => {
      await expect(api.invoke(c as never, {} as never)).rejects.toThrow(/undeclared channel/);
      expect(fakeIpcRenderer.invoked).toEqual([]);
    },
  );

  it('delivers declared events without the Electron event, and unsubscribes', () => {
    const ev = EVENT_NAMES[0]!;
    const fn = vi.fn();
    const off = api.on(ev, fn);
    const sender = { secret: 'electron event object' };
    fakeIpcRenderer.emit(ELECTRON_EVENT, sender, ev, { a: 1 });
    fakeIpcRenderer.emit(ELECTRON_EVENT, sender, 'other.event', { b: 2 });
    expect(fn.mock.calls).toEqual([[{ a: 1 }]]);
    off();
    fakeIpcRenderer.emit(ELECTRON_EVENT, sender, ev, { a: 2 });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fakeIpcRenderer.listenerCount(ELECTRON_EVENT)).toBe(0);
  });

  it('keeps one Electron listener however many subscribers, and isolates a throwing one', () => {
    const ev = EVENT_NAMES[0]!;
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    const offs = [
      api.on(ev, () => {
        throw new Error('bad subscriber');
      }),
      ...Array.from({ length: 20 }, () => api.on(ev, good)),
    ];
    expect(fakeIpcRenderer.listenerCount(ELECTRON_EVENT)).toBe(1);
    fakeIpcRenderer.emit(ELECTRON_EVENT, {}, ev, 1);
    // the same function subscribed 20 times is 20 subscriptions; dropping one keeps the rest
    expect(good).toHaveBeenCalledTimes(20);
    offs.pop()!();
    fakeIpcRenderer.emit(ELECTRON_EVENT, {}, ev, 2);
    expect(good).toHaveBeenCalledTimes(39);
    offs.forEach((o) => o());
    expect(fakeIpcRenderer.listenerCount(ELECTRON_EVENT)).toBe(0);
    err.mockRestore();
  });

  it('refuses to subscribe to an undeclared event', () => {
    expect(() => api.on('porthole:anything' as never, () => undefined)).toThrow(/undeclared event/);
    expect(fakeIpcRenderer.listenerCount(ELECTRON_EVENT)).toBe(0);
  });
});
