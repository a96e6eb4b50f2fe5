import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Result } from '../shared/errors';
import { ELECTRON_EVENT, ELECTRON_INVOKE, type PortholeBridge } from '../shared/ipc/bridge';
import { isChannel, isEventName } from '../shared/ipc/contract';

/**
 * Builds `window.porthole` from the contract. Unlike a preload that forwards any channel, this one
 * refuses every name the contract does not declare before it reaches ipcRenderer, so the page can
 * never reach a main-side handler by guessing a string. Events arrive on one Electron channel and
 * are dispatched here; the page's callbacks never see Electron's event object (it carries `sender`).
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): PortholeBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let attached = false;
  const dispatch = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const fn of [...(listeners.get(name) ?? [])]) {
      try {
        fn(payload);
      } catch (err) {
        // one bad subscriber must not starve the others
        console.error('[porthole] event listener failed', name, err);
      }
    }
  };

  return {
    invoke(channel, req) {
      if (!isChannel(channel)) return Promise.reject(new Error(`porthole: undeclared channel "${String(channel)}"`));
      return ipc.invoke(ELECTRON_INVOKE, channel, req) as Promise<Result<never>>;
    },
    on(event, fn) {
      if (!isEventName(event)) throw new Error(`porthole: undeclared event "${String(event)}"`);
      if (typeof fn !== 'function') throw new TypeError('porthole: listener must be a function');
      if (!attached) {
        ipc.on(ELECTRON_EVENT, dispatch);
        attached = true;
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // a wrapper per subscription: the same function subscribed twice is two subscriptions
      const f = (payload: unknown) => (fn as (payload: unknown) => void)(payload);
      set.add(f);
      return () => {
        set.delete(f);
        if (set.size === 0) listeners.delete(event);
        if (listeners.size === 0 && attached) {
          ipc.removeListener(ELECTRON_EVENT, dispatch);
          attached = false;
        }
      };
    },
  };
}
