/**
 * The sandboxed preload (bundled into one CommonJS file, out/preload/index.cjs): exposes exactly
 * `window.porthole = { invoke, on }` and nothing else of Electron or Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

const bridge = createBridge(ipcRenderer);
// Plain functions only: contextBridge copies the object, so the page cannot reach our closures.
contextBridge.exposeInMainWorld('porthole', {
  invoke: (channel: string, req: unknown) => bridge.invoke(channel as never, req as never),
  on: (event: string, fn: (payload: unknown) => void) => bridge.on(event as never, fn as never),
});
