import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import { parseContentType, decodeText, isTextual } from './charset';
import { Canceller, type CancelSignal } from './cancel';
import { bareHost, defaultPort, openConnection, type Conn } from './connect';
import { toAppError } from './errors';
import { sendH1, sendH2, type Incoming } from './exchange';
import { ConnectionPool } from './pool';
import { selectProxy } from './proxy';
import { readBody, type BodyRead } from './readBody';
import { REDIRECT_STATUSES, nextHeaders, nextMethod, resolveLocation } from './redirect';
import type { Hop, HttpRequestOptions, HttpResult } from './types';
import { bodySummary, maskHeader, maskUrl, tee, type WireFactory } from './wireLog';

export type { HttpRequestOptions, HttpResult };

const DEFAULT_MAX_BODY = 100 * 1024 * 1024;
const DEFAULT_MAX_HEADER = 64 * 1024;
/** a redirect's own body is read (to keep the connection) but never kept beyond this */
const REDIRECT_BODY_CAP = 1024 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);
const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

interface HopOut {
  hop: Hop;
  incoming: Incoming;
  read: BodyRead;
  picked: Picked;
}

/** The response headers the engine itself reads. */
interface Picked {
  contentType: string | null;
  contentEncoding: string | null;
  contentLength: string | null;
  location: string | undefined;
}

/** one pass over the response headers (first of each wins), one toLowerCase per name */
function pick(headers: [string, string][]): Picked {
  const p: Picked = { contentType: null, contentEncoding: null, contentLength: null, location: undefined };
  for (const [n, v] of headers) {
    if (n.length < 8 || n.length > 16) continue;
    const k = n.toLowerCase();
    if (k === 'content-type') p.contentType ??= v;
    else if (k === 'content-encoding') p.contentEncoding ??= v;
    else if (k === 'content-length') p.contentLength ??= v;
    else if (k === 'location') p.location ??= v;
  }
  return p;
}

/**
 * The URL inspector's HTTP engine: one instance keeps connections alive (HTTP/1.1 sockets, HTTP/2
 * sessions by ALPN) across requests. Every hop of a redirect chain is reported with the headers
 * actually sent, the headers as received, the peer and a per-phase timing.
 *
 * @example
 *   const c = new HttpClient(); const r = await c.request({ url: 'https://localhost:10443/', ca }); c.close();
 */
export class HttpClient {
  private pool = new ConnectionPool();
  private wire?: WireFactory;

  constructor(opts: { wire?: WireFactory } = {}) {
    this.wire = opts.wire;
  }

  /** Destroys kept-alive sockets and sessions. */
  close(): void {
    this.pool.close();
  }

  /** Sends the request, following redirects per Fetch; throws AppError with `detail.hops`. */
  async request(o: HttpRequestOptions): Promise<HttpResult> {
    const cancel = new Canceller();
    const onUserAbort = () => cancel.abort(new AppError('ECANCELLED', 'request cancelled'));
    if (o.signal?.aborted) onUserAbort();
    o.signal?.addEventListener('abort', onUserAbort, { once: true });
    const timer = o.timeoutMs ? setTimeout(() => cancel.abort(new AppError('ETIMEDOUT', `no complete response within ${o.timeoutMs} ms`)), o.timeoutMs) : null;
    const hops: Hop[] = [];
    try {
      return await this.run(o, cancel, hops);
    } catch (e) {
      // an abort surfaces as whatever the torn-down socket threw: report the abort's own reason
      const err = cancel.aborted && !(e instanceof AppError && e.code !== 'ECONNECTION' && e.code !== 'EINTERNAL' && e.code !== 'ECANCELLED') ? (cancel.reason as AppError) : toAppError(e);
      const detail = { ...(typeof err.detail === 'object' && err.detail ? err.detail : {}), hops };
      throw new AppError(err.code, err.message, detail);
    } finally {
      if (timer) clearTimeout(timer);
      o.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  private async run(o: HttpRequestOptions, signal: CancelSignal, hops: Hop[]): Promise<HttpResult> {
    let url: URL;
    try {
      url = new URL(o.url);
    } catch {
      throw new AppError('EINVALID', `not a valid URL: ${o.url}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('EINVALID', `only http and https URLs can be fetched (got ${url.protocol})`);
    let method = o.method || 'GET';
    let headers: [string, string][] = (o.headers ?? []).map(([n, v]) => [n, v]);
    let body = o.body == null ? null : Buffer.from(typeof o.body === 'string' ? Buffer.from(o.body, 'utf8') : o.body);
    const maxRedirects = o.maxRedirects ?? 20;
    const seen = new Set<string>();
    for (;;) {
      if (url.hash || url.href.endsWith('#')) url.hash = '';
      const cookie = o.cookieJar?.header(url) ?? '';
      const visit = `${method} ${url.href} ${cookie}`;
      if (seen.has(visit)) throw new AppError('ELIMIT', `redirect loop: ${url.href} was already requested`);
      seen.add(visit);
      const redirectsLeft = maxRedirects - hops.length;
      const out = await this.hop(o, url, method, headers, body, redirectsLeft > 0, signal);
      hops.push(out.hop);
      const { status } = out.incoming;
      const location = out.picked.location;
      if (!REDIRECT_STATUSES.has(status) || location === undefined || maxRedirects === 0) return { ...this.result(out), hops };
      if (redirectsLeft <= 0) throw new AppError('ELIMIT', `more than ${maxRedirects} redirects`);
      const target = resolveLocation(location, url.href);
      if (!target.ok) throw new AppError(target.code, target.message);
      const next = nextMethod(status, method);
      const sameOrigin = target.url.origin === url.origin;
      headers = nextHeaders(headers, next.keepBody, sameOrigin);
      if (!next.keepBody) body = null;
      method = next.method;
      url = target.url;
    }
  }

  private result(out: HopOut): HttpResult {
    const { hop, read, picked } = out;
    const ct = parseContentType(picked.contentType);
    const decoded = read.data && isTextual(ct.type) ? decodeText(read.data, ct.charset) : null;
    return {
      hops: [],
      status: hop.status,
      headers: hop.headers,
      data: read.data,
      body: { bytes: read.bytes, wireBytes: read.wireBytes, sha256: read.sha256, contentType: picked.contentType, charset: decoded?.charset ?? ct.charset, contentEncoding: picked.contentEncoding, truncated: read.truncated },
      tls: hop.tls,
      text: decoded?.text ?? null,
    };
  }

  /** One request/response: connection (pooled or new), exchange, body. */
  private async hop(o: HttpRequestOptions, url: URL, method: string, userHeaders: [string, string][], body: Buffer | null, mayRedirect: boolean, signal: CancelSignal): Promise<HopOut> {
    const t0 = performance.now();
    const proxy = selectProxy(url, o.proxy);
    const key = `${url.protocol}//${url.host}|${proxy?.href ?? ''}|${o.ca ? createHash('sha1').update(o.ca).digest('hex') : ''}`;
    const https = url.protocol === 'https:';
    let h2 = https && o.http2 !== false ? this.pool.getH2(key) : undefined;
    let conn: Conn | undefined = h2 ? undefined : this.pool.takeIdle(key);
    const pinOk = (c: Conn) => !c.pinnedFingerprint || !!o.isTrusted?.(bareHost(url), defaultPort(url), c.pinnedFingerprint);
    if (h2 && !pinOk(h2.conn)) h2 = undefined;
    if (conn && !pinOk(conn)) { conn.socket.destroy(); conn = undefined; }
    const reused = !!(h2 || conn);
    if (!h2 && !conn) {
      // the connection keeps the factory's transcript (it outlives this request); its opening
      // lines also go to the request's own transcript
      const connWire = this.wire?.(`http ${url.host}`) ?? null;
      const openWire = o.wire && connWire ? tee(o.wire, connWire) : o.wire ?? connWire;
      conn = await openConnection({ url, proxy, ca: o.ca, isTrusted: o.isTrusted, alpn: https && o.http2 !== false ? ['h2', 'http/1.1'] : ['http/1.1'], signal, wire: openWire });
      conn.wire = connWire;
      if (conn.alpn === 'h2') {
        h2 = this.pool.addH2(key, url.origin, conn);
        conn = undefined;
      }
    }
    const c = (h2?.conn ?? conn)!;
    const headers = this.headersFor(o, url, method, userHeaders, body, !!h2, proxy !== null && !https);
    const target = proxy && !https ? url.href : `${url.pathname}${url.search}`;
    // this request's lines go to its own transcript when it has one, whatever socket it rides
    const wire = o.wire ?? c.wire;
    wire?.out(`${method} ${maskUrl(target)} ${h2 ? 'HTTP/2' : 'HTTP/1.1'}`);
    for (const [n, v] of headers) if (!n.startsWith(':')) wire?.out(maskHeader(n, v));
    if (body) wire?.out(bodySummary(body.length, userHeaders.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null));
    const outgoing = { method, target, headers, body, maxHeaderBytes: o.maxHeaderBytes ?? DEFAULT_MAX_HEADER, signal };
    if (h2) h2.session.ref();
    let incoming: Incoming;
    try {
      incoming = h2 ? await sendH2(h2.session, outgoing) : await sendH1(c, outgoing);
    } catch (e) {
      if (!h2) c.socket.destroy();
      throw e;
    } finally {
      if (h2) h2.session.unref();
    }
    wire?.in(`${incoming.httpVersion} ${incoming.status}${incoming.reason ? ` ${incoming.reason}` : ''}`);
    for (const [n, v] of incoming.headers) wire?.in(maskHeader(n, v));
    const t1 = performance.now();
    const redirect = mayRedirect && REDIRECT_STATUSES.has(incoming.status);
    const picked = pick(incoming.headers);
    const len = picked.contentLength === null ? NaN : Number(picked.contentLength);
    if (h2) h2.session.ref();
    let read: BodyRead;
    try {
      o.cookieJar?.setFromResponse(url, incoming.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v));
      read = await readBody(incoming.body, {
        contentEncoding: picked.contentEncoding,
        maxBytes: redirect ? REDIRECT_BODY_CAP : o.maxBodyBytes ?? DEFAULT_MAX_BODY,
        onLimit: redirect ? 'truncate' : o.onBodyLimit ?? 'error',
        sink: redirect ? undefined : o.sink,
        total: Number.isFinite(len) ? len : null,
        onProgress: redirect ? undefined : o.onProgress,
      });
    } catch (e) {
      // a body that failed half-way leaves the socket out of step (readBody destroyed the source)
      if (conn) conn.socket.destroy();
      throw e;
    } finally {
      if (h2) h2.session.unref();
    }
    wire?.in(bodySummary(read.bytes, picked.contentType, read.wireBytes !== read.bytes ? `, ${read.wireBytes} on the wire` : ''));
    const t2 = performance.now();
    // the socket is free again only when the whole body was read and the server allows keep-alive
    // (the channel has already destroyed it if anything unasked-for followed the response)
    if (conn && incoming.keepAlive && !read.truncated && incoming.body.readableEnded && !conn.socket.destroyed) this.pool.release(key, conn);
    else if (conn) conn.socket.destroy();
    const hop: Hop = {
      method,
      url: url.href,
      httpVersion: incoming.httpVersion,
      status: incoming.status,
      reason: incoming.reason,
      requestHeaders: headers,
      headers: incoming.headers,
      remoteAddress: c.remoteAddress,
      remotePort: c.remotePort,
      reused,
      timing: {
        dns: reused ? null : round(c.timing.dns),
        connect: reused ? null : round(c.timing.connect),
        tls: reused ? null : round(c.timing.tls),
        ttfb: round(incoming.ttfb),
        download: round(t2 - t1),
        total: round(t2 - t0)!,
      },
      tls: c.tls,
    };
    return { hop, incoming, read, picked };
  }

  /** The header list exactly as it goes on the wire. */
  private headersFor(o: HttpRequestOptions, url: URL, method: string, user: [string, string][], body: Buffer | null, h2: boolean, absoluteForm: boolean): [string, string][] {
    const has = (n: string) => user.some(([k]) => k.toLowerCase() === n);
    const out: [string, string][] = [];
    // a Host the user typed wins (virtual-host testing); on HTTP/2 it becomes :authority
    const host = user.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? url.host;
    if (h2) out.push([':method', method], [':scheme', url.protocol.slice(0, -1)], [':authority', host], [':path', `${url.pathname}${url.search}`]);
    else out.push(['Host', host]);
    if (!has('user-agent')) out.push(['User-Agent', o.userAgent ?? 'Porthole/0.1']);
    if (!has('accept')) out.push(['Accept', '*/*']);
    if (!has('accept-encoding')) out.push(['Accept-Encoding', 'gzip, deflate, br']);
    const jar = o.cookieJar?.header(url) ?? null;
    for (const [n, v] of user) {
      const k = n.toLowerCase();
      if (HOP_BY_HOP.has(k) || k === 'content-length') continue;
      // the jar's cookies join a Cookie header the user typed (as curl -b with a jar does)
      out.push(k === 'cookie' && jar ? [n, `${v}; ${jar}`] : [n, v]);
    }
    if (jar && !has('cookie')) out.push(['Cookie', jar]);
    if (body) out.push(['Content-Length', String(body.length)]);
    else if (!h2 && /^(POST|PUT|PATCH)$/i.test(method)) out.push(['Content-Length', '0']);
    if (absoluteForm && o.proxy) {
      const p = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(o.proxy.url) ? o.proxy.url : `http://${o.proxy.url}`);
      if (p.username) out.push(['Proxy-Authorization', `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}`]);
    }
    if (!h2) out.push(['Connection', 'keep-alive']);
    // HTTP/2 field names are lowercase on the wire (RFC 9113 §8.2.1)
    return h2 ? out.map(([n, v]) => [n.toLowerCase(), v]) : out;
  }
}
