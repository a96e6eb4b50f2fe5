import type { PortholeBridge } from '../../../shared/ipc/bridge';

/** open: calls go through; connecting: first attempt; closed: lost, a retry is scheduled. */
export type ConnState = 'connecting' | 'open' | 'closed';

export interface ConnInfo {
  state: ConnState;
  /** closed: when the next attempt starts (ms since epoch), for "retrying in 4 s" */
  retryAt?: number;
  /** how many times the link was (re)opened; subscriptions reload state when this grows past 1 */
  opens: number;
}

/**
 * The bridge as the renderer sees it: the shared `PortholeBridge` plus a connection state,
 * so the status bar can say "disconnected" for the browser host. Electron's preload is always open.
 */
export interface ClientBridge extends PortholeBridge {
  readonly transport: 'electron' | 'web';
  connection(): ConnInfo;
  onConnection(fn: (c: ConnInfo) => void): () => void;
  /** stops reconnecting and fails pending calls; used by tests and on page unload */
  close?(): void;
}
