import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, IncomingHttpStatusHeader } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { CancelSignal } from './cancel';
import type { Conn } from './connect';
import { H1Channel, type H1Request } from './h1';
import type { BodySource } from './readBody';
import { StreamBody } from './streamBody';

/**
 * One request/response exchange on a connection that is already open: HTTP/1.1 framed by
 * ./h1.ts on our own socket (so we own keep-alive and timing), or one stream of an HTTP/2
 * session. Resolves when the response head arrives; the body is left to readBody().
 */

/** What one exchange sends, whichever protocol carries it (the HTTP/1.1 channel's request shape). */
export type Outgoing = H1Request;

export interface Incoming {
  httpVersion: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: BodySource;
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

/** Rejects with the abort reason, or the error, whichever comes first; drops its listener. */
function race<T>(signal: CancelSignal, onAbort: () => void, run: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      onAbort();
      return reject(signal.reason);
    }
    const unsubscribe = signal.onAbort(() => {
      onAbort();
      reject(signal.reason);
    });
    run(
      (v) => { unsubscribe(); resolve(v); },
      (e) => { unsubscribe(); reject(e); },
    );
  });
}

/** HTTP/1.1: the connection's channel (made on first use) sends and parses. */
export function sendH1(conn: Conn, o: Outgoing): Promise<Incoming> {
  conn.h1 ??= new H1Channel(conn.socket);
  return conn.h1.exchange(o);
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
      // unsubscribed when the stream closes, so a long-lived caller signal does not collect listeners
      const off = o.signal.onAbort(() => stream.destroy(o.signal.reason as Error));
      stream.once('close', off);
      const list = raw ? pairs(raw) : Object.entries(h).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, String(v)] as [string, string]]));
      resolve({
        stream,
        httpVersion: 'HTTP/2',
        status: Number(h[':status']),
        reason: '',
        headers: list.filter(([k]) => !k.startsWith(':')),
        body: new StreamBody(stream),
        ttfb,
        keepAlive: true,
      });
    });
    if (o.body) stream.end(o.body);
  });
}
