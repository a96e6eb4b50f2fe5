import type { PortholeBridge } from '../../../shared/ipc/bridge';
import type { ClientBridge, ConnInfo } from './types';

const OPEN: ConnInfo = { state: 'open', opens: 1 };

/**
 * Electron: `window.porthole` comes from the sandboxed preload, which already refuses undeclared
 * channels; IPC to our own main process cannot "disconnect", so the state is always open.
 */
export function preloadBridge(porthole: PortholeBridge): ClientBridge {
  return {
    transport: 'electron',
    invoke: (channel, req) => porthole.invoke(channel, req),
    on: (event, fn) => porthole.on(event, fn),
    connection: () => OPEN,
    onConnection: () => () => {},
  };
}
