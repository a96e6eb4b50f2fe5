// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../../../shared/ipc/bridge';
import { wsBridge, type WsLike } from './wsBridge';
import { takeToken, TOKEN_KEY } from './token';
import { chooseBridge } from './index';

/** A WebSocket stand-in: records what the page sends, lets the test open/close/answer. */
class FakeWs implements WsLike {
  static all: FakeWs[] = [];
  readyState = 0;
  sent: { t: string; id: number; channel: string; payload: unknown }[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(
    public url: string,
    public protocols: string[],
  ) {
    FakeWs.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send before open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  serverSends(msg: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }
  static get last() {
    return FakeWs.all[FakeWs.all.length - 1];
  }
}

beforeEach(() => {
  FakeWs.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('takeToken', () => {
  it('moves the token from the fragment to sessionStorage and out of the address bar', () => {
    history.replaceState(null, '', '/app?x=1#token=abc123');
    sessionStorage.clear();
    expect(takeToken({ location, history, storage: sessionStorage })).toBe('abc123');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('abc123');
    expect(location.hash).toBe('');
    expect(location.pathname + location.search).toBe('/app?x=1');
    // a reload has no fragment any more, and still finds the token
    expect(takeToken({ location, history, storage: sessionStorage })).toBe('abc123');
  });

  it('answers null without a token, so the page can show how to get one', () => {
    history.replaceState(null, '', '/');
    sessionStorage.clear();
    expect(takeToken({ location, history, storage: sessionStorage })).toBeNull();
    expect(chooseBridge(window)).toBeNull();
  });

  it('prefers the Electron preload when window.porthole exists', () => {
    const porthole = { invoke: vi.fn(), on: vi.fn() };
    const b = chooseBridge({ porthole } as unknown as Window);
    expect(b?.transport).toBe('electron');
    expect(b?.connection().state).toBe('open');
  });
});

describe('wsBridge', () => {
  const make = () => wsBridge({ url: 'ws://127.0.0.1:9999/ws', token: 'tok', WebSocketImpl: FakeWs, minDelayMs: 100, maxDelayMs: 400 });

  it('offers the protocol and the token as subprotocols', () => {
    make();
    expect(FakeWs.last.url).toBe('ws://127.0.0.1:9999/ws');
    expect(FakeWs.last.protocols).toEqual([WS_PROTOCOL, WS_TOKEN_PREFIX + 'tok']);
  });

  it('queues calls made while connecting and flushes them on open, matching answers by id', async () => {
    const b = make();
    expect(b.connection().state).toBe('connecting');
    const p1 = b.invoke('app.info', {});
    const p2 = b.invoke('job.cancel', { job: 'job-1' });
    const ws = FakeWs.last;
    expect(ws.sent).toHaveLength(0);
    ws.open();
    expect(b.connection()).toMatchObject({ state: 'open', opens: 1 });
    expect(ws.sent.map((m) => m.channel)).toEqual(['app.info', 'job.cancel']);
    const [a, c] = ws.sent;
    expect(a.id).not.toBe(c.id);
    // answers arrive out of order
    ws.serverSends({ t: 'result', id: c.id, result: { ok: true, value: null } });
    ws.serverSends({ t: 'result', id: a.id, result: { ok: false, error: { code: 'EINTERNAL', message: 'x' } } });
    await expect(p2).resolves.toEqual({ ok: true, value: null });
    await expect(p1).resolves.toEqual({ ok: false, error: { code: 'EINTERNAL', message: 'x' } });
  });

  it('dispatches events to their listeners until unsubscribed', () => {
    const b = make();
    FakeWs.last.open();
    const seen: unknown[] = [];
    const off = b.on('app.error', (e) => seen.push(e));
    const other = vi.fn();
    b.on('wire.lines', other);
    FakeWs.last.serverSends({ t: 'event', event: 'app.error', payload: { code: 'EIO', message: 'disk', t: 1 } });
    off();
    FakeWs.last.serverSends({ t: 'event', event: 'app.error', payload: { code: 'EIO', message: 'again', t: 2 } });
    expect(seen).toEqual([{ code: 'EIO', message: 'disk', t: 1 }]);
    expect(other).not.toHaveBeenCalled();
  });

  it('fails calls in flight when the link drops, reconnects with backoff and reports its state', async () => {
    vi.useFakeTimers();
    const b = make();
    const states: string[] = [];
    b.onConnection((c) => states.push(c.state));
    FakeWs.last.open();
    const inFlight = b.invoke('app.info', {});
    FakeWs.last.drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'ECONNECTION' } });
    expect(b.connection().state).toBe('closed');
    expect(b.connection().retryAt).toBeGreaterThan(Date.now());

    // a call made while down waits for the next socket
    const queued = b.invoke('settings.get', {});
    expect(FakeWs.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeWs.all).toHaveLength(2);
    FakeWs.last.drop(); // second failure: the delay doubles
    vi.advanceTimersByTime(199);
    expect(FakeWs.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeWs.all).toHaveLength(3);
    FakeWs.last.open();
    expect(b.connection()).toMatchObject({ state: 'open', opens: 2 });
    const sent = FakeWs.last.sent[0];
    expect(sent.channel).toBe('settings.get');
    FakeWs.last.serverSends({ t: 'result', id: sent.id, result: { ok: true, value: 'v' } });
    await expect(queued).resolves.toEqual({ ok: true, value: 'v' });
    expect(states).toEqual(['open', 'closed', 'closed', 'open']);
  });

  it('ignores frames that are not JSON or not ours, and close() stops retrying', async () => {
    vi.useFakeTimers();
    const b = make();
    const ws = FakeWs.last;
    ws.open();
    ws.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    ws.serverSends({ t: 'result', id: 999, result: { ok: true, value: 1 } });
    const p = b.invoke('app.info', {});
    ws.serverSends({ t: 'result', id: ws.sent[0].id, result: 'garbage' });
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'EINTERNAL' } });
    b.close?.();
    vi.advanceTimersByTime(10_000);
    expect(FakeWs.all).toHaveLength(1);
    await expect(b.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'ECONNECTION' } });
  });
});
