import type { PortholeBridge } from '../../../shared/ipc/bridge';
import { WS_PATH } from '../../../shared/ipc/bridge';
import type { Channel, EventName, EventPayload, Req, Res } from '../../../shared/ipc/contract';
import { fail, type AppErrorData, type Result } from '../../../shared/errors';
import { preloadBridge } from './preloadBridge';
import { wsBridge } from './wsBridge';
import { takeToken } from './token';
import type { ClientBridge, ConnInfo } from './types';

export type { ClientBridge, ConnInfo, ConnState } from './types';

/** A failed call, as the status bar's "last error" shows it. */
export interface FailedCall extends AppErrorData {
  channel: string;
  t: number;
}

declare global {
  interface Window {
    /** set by the Electron preload; absent in a plain browser */
    porthole?: PortholeBridge;
  }
}

/**
 * The one place that picks a transport. Electron's preload wins; otherwise we are a page served by
 * the browser host and need its token. `null` means: no way to reach main (show the "open the URL
 * printed by npm run start:web" screen).
 */
export function chooseBridge(win: Window = window): ClientBridge | null {
  if (win.porthole) return preloadBridge(win.porthole);
  const token = takeToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  if (!token) return null;
  return wsBridge({ url: `ws://${win.location.host}${WS_PATH}`, token });
}

let current: ClientBridge | null = null;
const failureListeners = new Set<(f: FailedCall) => void>();

/** Installs the transport (start-up, or a fake in tests). */
export function setBridge(b: ClientBridge | null): void {
  current = b;
}

function bridge(): ClientBridge {
  if (!current) throw new Error('api used before setBridge()');
  return current;
}

/**
 * Typed access to main. Every failed call (except a cancel the user asked for) is reported to
 * `onFailure` listeners, which feed the status bar's "last error"; callers still get the Result.
 */
export const api = {
  async invoke<K extends Channel>(channel: K, req: Req<K>): Promise<Result<Res<K>>> {
    let r: Result<Res<K>>;
    try {
      r = await bridge().invoke(channel, req);
    } catch (e) {
      // a transport that throws instead of answering a Result is a bug, not a user error
      r = fail('EINTERNAL', e instanceof Error ? e.message : String(e));
    }
    if (!r.ok && r.error.code !== 'ECANCELLED') {
      const f: FailedCall = { ...r.error, channel, t: Date.now() };
      for (const fn of failureListeners) fn(f);
    }
    return r;
  },
  on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void): () => void {
    return bridge().on(event, fn);
  },
  transport: (): 'electron' | 'web' => bridge().transport,
  connection: (): ConnInfo => bridge().connection(),
  onConnection: (fn: (c: ConnInfo) => void): (() => void) => bridge().onConnection(fn),
  onFailure(fn: (f: FailedCall) => void): () => void {
    failureListeners.add(fn);
    return () => void failureListeners.delete(fn);
  },
};

export type Api = typeof api;

/** For components that prefer a hook; the object is stable. */
export const useApi = (): Api => api;
