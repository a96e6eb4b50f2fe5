import { WS_PROTOCOL, WS_TOKEN_PREFIX, type WsClientMessage } from '../../../shared/ipc/bridge';
import type { Channel, EventName, EventPayload, Req, Res } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/errors';
import type { ClientBridge, ConnInfo } from './types';

/** The part of the DOM WebSocket we use, so tests can hand in a fake class. */
export interface WsLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}
export type WsCtor = new (url: string, protocols: string[]) => WsLike;

export interface WsBridgeOptions {
  url: string;
  token: string;
  WebSocketImpl?: WsCtor;
  /** first retry delay; doubles per failed attempt up to maxDelayMs */
  minDelayMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
  /** false while the call waits in the queue for the socket to open */
  sent: boolean;
  msg: string;
}

const OPEN = 1;

/**
 * The browser-host transport: JSON frames over one WebSocket, request ids matched to answers,
 * events fanned out to listeners. Calls made while (re)connecting wait in a queue and go out on
 * open, so the UI never has to know the link blinked. A call already sent when the link drops gets
 * ECONNECTION: we cannot know whether main ran it, and replaying could repeat a side effect.
 */
export function wsBridge(opts: WsBridgeOptions): ClientBridge {
  const Ctor: WsCtor = opts.WebSocketImpl ?? (WebSocket as unknown as WsCtor);
  const minDelay = opts.minDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connListeners = new Set<(c: ConnInfo) => void>();
  let info: ConnInfo = { state: 'connecting', opens: 0 };
  let ws: WsLike | null = null;
  let nextId = 1;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const setInfo = (next: ConnInfo) => {
    info = next;
    for (const fn of connListeners) fn(info);
  };

  const flush = () => {
    for (const p of pending.values()) {
      if (p.sent || !ws || ws.readyState !== OPEN) continue;
      ws.send(p.msg);
      p.sent = true;
    }
  };

  const onMessage = (ev: MessageEvent) => {
    let msg: unknown;
    try {
      msg = JSON.parse(String(ev.data));
    } catch {
      return; // not ours to interpret; the host only sends JSON
    }
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { t?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (m.t === 'result' && typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      const r = m.result as Result<unknown> | undefined;
      p.resolve(r && typeof r === 'object' && typeof r.ok === 'boolean' ? r : fail('EINTERNAL', 'The host sent a malformed answer.'));
    } else if (m.t === 'event' && typeof m.event === 'string') {
      for (const fn of listeners.get(m.event) ?? []) {
        try {
          fn(m.payload);
        } catch (e) {
          // one broken listener must not starve the others
          console.error(`listener for ${m.event} failed`, e);
        }
      }
    }
  };

  const onClose = () => {
    ws = null;
    for (const [id, p] of pending) {
      if (!p.sent) continue;
      pending.delete(id);
      p.resolve(fail('ECONNECTION', 'The connection to the Porthole host was lost before it answered.'));
    }
    if (stopped) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** attempts);
    attempts++;
    setInfo({ state: 'closed', retryAt: Date.now() + delay, opens: info.opens });
    timer = setTimeout(connect, delay);
  };

  function connect() {
    timer = null;
    if (stopped) return;
    let sock: WsLike;
    try {
      sock = new Ctor(opts.url, [WS_PROTOCOL, WS_TOKEN_PREFIX + opts.token]);
    } catch {
      onClose();
      return;
    }
    ws = sock;
    sock.onopen = () => {
      attempts = 0;
      setInfo({ state: 'open', opens: info.opens + 1 });
      flush();
    };
    sock.onmessage = onMessage;
    // the browser fires error then close; close alone drives the retry
    sock.onerror = () => {};
    sock.onclose = () => {
      if (ws === sock) onClose();
    };
  }

  connect();

  return {
    transport: 'web',
    invoke<K extends Channel>(channel: K, req: Req<K>): Promise<Result<Res<K>>> {
      const id = nextId++;
      const msg: WsClientMessage = { t: 'invoke', id, channel, payload: req };
      return new Promise((resolve) => {
        if (stopped) {
          resolve(fail('ECONNECTION', 'The connection to the Porthole host is closed.'));
          return;
        }
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, sent: false, msg: JSON.stringify(msg) });
        flush();
      });
    },
    on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const f = fn as (p: unknown) => void;
      set.add(f);
      return () => void set.delete(f);
    },
    connection: () => info,
    onConnection(fn) {
      connListeners.add(fn);
      return () => void connListeners.delete(fn);
    },
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const sock = ws;
      ws = null;
      sock?.close(1000, 'closed by the page');
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve(fail('ECONNECTION', 'The connection to the Porthole host is closed.'));
      }
    },
  };
}
