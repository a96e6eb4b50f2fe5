/**
 * The one Content-Security-Policy of the renderer, shared by both transports so they cannot drift.
 * No 'unsafe-eval' and no remote origins: the renderer only ever talks to main through the bridge.
 * style-src keeps 'unsafe-inline' because React style props and CSS variables are set inline.
 * frame-src allows blob:/data: for the sandboxed iframes that show mail HTML and response bodies.
 */
const BASE: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['frame-src', "'self' blob: data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** `buildCsp()` → the Electron policy; `buildCsp(['ws://127.0.0.1:8080'])` adds connect sources. */
export function buildCsp(extraConnect: readonly string[] = []): string {
  return BASE.map(([name, value]) =>
    name === 'connect-src' && extraConnect.length > 0 ? `${name} ${value} ${extraConnect.join(' ')}` : `${name} ${value}`,
  ).join('; ');
}

/** The Electron window's policy (installed as a response header by main/shell/window.ts). */
export const ELECTRON_CSP = buildCsp();

/** The browser host's policy: the page must reach its own WebSocket, and nothing else. */
export const hostCsp = (port: number): string => buildCsp([`ws://127.0.0.1:${port}`]);
