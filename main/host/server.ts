import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostCsp } from './csp';
import { createStaticHandler } from './static';
import { WsTransport, type TransportLog, type TransportRouter } from './wsTransport';

export interface HostOptions {
  router: TransportRouter;
  /** the built renderer (out/renderer) */
  staticDir: string;
  /** 0 (default) picks a free port */
  port?: number;
  /** the WebSocket secret; a random 256-bit one unless given (tests, e2e) */
  token?: string;
  log?: TransportLog;
}

export interface RunningHost {
  /** what to open: `http://127.0.0.1:PORT/#token=TOKEN` (the fragment never reaches a server) */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Loopback only: nothing else on the network may reach the router. */
export const HOST_ADDRESS = '127.0.0.1';
/** Token characters must be valid in a subprotocol name (RFC 7230 tchar) and hard to guess. */
const TOKEN_RE = /^[A-Za-z0-9._~-]{32,256}$/;

/** Headers on every HTTP answer, including refusals. */
function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': hostCsp(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * Starts the browser host: the renderer's static files and the router over a WebSocket, on
 * 127.0.0.1 only. Every request must name us exactly in `Host` (`127.0.0.1:PORT`): a page on
 * another site that rebinds its DNS name to 127.0.0.1 still sends its own name, and is refused.
 *
 *   const host = await startHost({ router, staticDir: 'out/renderer' });
 *   console.log(host.url); … await host.close();
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  if (!TOKEN_RE.test(token)) throw new Error('host token must be 32–256 characters of [A-Za-z0-9._~-]');
  const serveStatic = createStaticHandler(opts.staticDir);
  let port = 0;
  // the expected Origin names the port, known once listening; no upgrade can arrive before that
  const expect = { origin: '', token };
  const ws = new WsTransport(opts.router, expect, opts.log);
  const hostOk = (req: IncomingMessage) => req.headers.host === `${HOST_ADDRESS}:${port}`;

  const server = createServer((req, res) => {
    const headers = securityHeaders(port);
    if (!hostOk(req)) {
      opts.log?.warn('host: request with foreign Host refused', { host: req.headers.host ?? null });
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('Misdirected Request');
      return;
    }
    serveStatic(req, res, headers).catch(() => {
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!hostOk(req)) {
      opts.log?.warn('host: upgrade with foreign Host refused', { host: req.headers.host ?? null });
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    ws.upgrade(req, socket, head);
  });
  // Slow or idle clients must not hold sockets forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: HOST_ADDRESS, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  expect.origin = `http://${HOST_ADDRESS}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${HOST_ADDRESS}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      (closing ??= (async () => {
        await ws.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}
