import type { Result } from '../errors';
import type { Channel, EventName, EventPayload, Req, Res } from './contract';

/**
 * What the preload exposes as `window.porthole` (Electron), and what the renderer's WebSocket client
 * implements over the browser host. The renderer cannot tell which one it has.
 */
export interface PortholeBridge {
  invoke<K extends Channel>(channel: K, req: Req<K>): Promise<Result<Res<K>>>;
  /** returns an unsubscribe function; Electron's event object is never passed through */
  on<E extends EventName>(event: E, fn: (payload: EventPayload<E>) => void): () => void;
}

/** Electron IPC channel names used between preload and main/shell (not the contract's channels). */
export const ELECTRON_INVOKE = 'porthole:invoke';
export const ELECTRON_EVENT = 'porthole:event';

/**
 * The browser host's WebSocket protocol (JSON text frames).
 * Handshake: `new WebSocket('ws://127.0.0.1:PORT/ws', [WS_PROTOCOL, WS_TOKEN_PREFIX + token])`;
 * the host refuses the upgrade without the right token, with a foreign Origin or a foreign Host.
 * The page learns the token from its URL fragment (`#token=…`), which is never sent to a server.
 */
export const WS_PATH = '/ws';
export const WS_PROTOCOL = 'porthole.v1';
export const WS_TOKEN_PREFIX = 'token.';
export type WsClientMessage = { t: 'invoke'; id: number; channel: string; payload: unknown };
export type WsServerMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; event: string; payload: unknown };
