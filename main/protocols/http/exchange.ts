import { request as h1request, type IncomingMessage } from 'node:http';
import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, IncomingHttpStatusHeader } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { Conn } from './connect';

/**
 * One request/response exchange on a connection that is already open: HTTP/1.1 through
 * `node:http` on our own socket (so we own keep-alive and timing), or one stream of an HTTP/2
 * session. Resolves when the response head arrives; the body is left to readBody().
 */

export interface Outgoing {
  method: string;
  /** origin-form, or absolute-form when talking to a proxy in the clear */
  target: string;
  /** exactly what will be sent, in order */
  headers: [string, string][];
  body: Buffer | null;
  maxHeaderBytes: number;
  signal: AbortSignal;
}

export interface Incoming {
  httpVersion: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: Readable;
  /** ms from sending the request to the response head */
  ttfb: number;
  /** HTTP/1.1: whether the socket may be reused once the body is read */
  keepAlive: boolean;
}

const pairs = (raw: string[]) => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
};

/** Rejects with the abort reason, or the error, whichever comes first; removes its listener. */
function race<T>(signal: AbortSignal, onAbort: () => void, run: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(signal.reason);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    run(
      (v) => { signal.removeEventListener('abort', abort); resolve(v); },
      (e) => { signal.removeEventListener('abort', abort); reject(e); },
    );
  });
}

export function sendH1(conn: Conn, o: Outgoing): Promise<Incoming & { res: IncomingMessage }> {
  const t0 = performance.now();
  // headers as an array of pairs keep order and duplicates, and Node adds nothing we did not list
  const flat = o.headers.flat();
  const req = h1request({
    createConnection: () => conn.socket,
    method: o.method,
    path: o.target,
    headers: flat as unknown as Record<string, string>,
    setHost: false,
    maxHeaderSize: o.maxHeaderBytes,
  });
  // Without an agent, node:http marks the request as the connection's last even though our own
  // `Connection: keep-alive` header went out; tell it the truth so it frees the socket at the end
  // of the response (it still honours a server's `Connection: close`).
  if (o.headers.some(([n, v]) => n.toLowerCase() === 'connection' && /keep-alive/i.test(v))) {
    Object.assign(req, { shouldKeepAlive: true, _last: false });
  }
  return race(o.signal, () => req.destroy(o.signal.reason as Error), (resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res: IncomingMessage) => {
      const ttfb = performance.now() - t0;
      // errors after the head surface on the body stream (readBody); keep the request quiet
      req.removeListener('error', reject);
      req.on('error', () => {});
      o.signal.addEventListener('abort', () => res.destroy(o.signal.reason as Error), { once: true });
      resolve({
        res,
        httpVersion: `HTTP/${res.httpVersion}`,
        status: res.statusCode ?? 0,
        reason: res.statusMessage ?? '',
        headers: pairs(res.rawHeaders),
        body: res,
        ttfb,
        keepAlive: (req as unknown as { shouldKeepAlive: boolean }).shouldKeepAlive,
      });
    });
    req.end(o.body ?? undefined);
  });
}

export function sendH2(session: ClientHttp2Session, o: Outgoing): Promise<Incoming & { stream: ClientHttp2Stream }> {
  const t0 = performance.now();
  // pseudo-headers first (RFC 9113 §8.3); names lowercase; connection-specific ones are illegal
  const headers: Record<string, string | string[]> = {};
  for (const [n, v] of o.headers) {
    const k = n.toLowerCase();
    const prev = headers[k];
    headers[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : k === 'cookie' ? `${prev}; ${v}` : [prev, v];
  }
  const stream = session.request(headers, { endStream: !o.body });
  return race(o.signal, () => stream.close(0x8 /* CANCEL */), (resolve, reject) => {
    stream.once('error', reject);
    stream.once('response', (h: IncomingHttpHeaders & IncomingHttpStatusHeader, _flags: number, raw?: string[]) => {
      const ttfb = performance.now() - t0;
      stream.removeListener('error', reject);
      o.signal.addEventListener('abort', () => stream.destroy(o.signal.reason as Error), { once: true });
      const list = raw ? pairs(raw) : Object.entries(h).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, String(v)] as [string, string]]));
      resolve({
        stream,
        httpVersion: 'HTTP/2',
        status: Number(h[':status']),
        reason: '',
        headers: list.filter(([k]) => !k.startsWith(':')),
        body: stream,
        ttfb,
        keepAlive: true,
      });
    });
    if (o.body) stream.end(o.body);
  });
}
