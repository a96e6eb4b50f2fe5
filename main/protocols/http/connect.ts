import { lookup } from 'node:dns/promises';
import { isIP, Socket, connect as netConnect } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { CancelSignal } from './cancel';
import { isCertCode, toAppError } from './errors';
import { tlsInfo } from './tlsInfo';
import type { H1Channel } from './h1';
import type { TlsInfo } from './types';
import { maskHeader, type WireSink } from './wireLog';

/**
 * Opens one connection for the HTTP engine, timing each phase (DNS, TCP connect, TLS handshake),
 * through an HTTP proxy when asked (CONNECT for https), and deciding trust itself:
 *
 * TLS is verified by OpenSSL against the default roots plus the request's CA. We pass
 * `rejectUnauthorized: false` only so that a failed verification reaches us instead of a bare
 * socket error: we then refuse it with ECERT carrying the chain and leaf fingerprint, unless that
 * exact fingerprint is pinned for host:port in the trust store (the user's explicit decision).
 * Nothing is written on the socket before that decision.
 */

export interface ConnTiming {
  dns: number | null;
  connect: number | null;
  tls: number | null;
}

export interface Conn {
  socket: Socket;
  tls: TlsInfo | null;
  alpn: string | null;
  remoteAddress: string | null;
  remotePort: number | null;
  timing: ConnTiming;
  /** set when the certificate did not verify and was accepted through a pinned fingerprint */
  pinnedFingerprint: string | null;
  /** the connection's own transcript (opened, closed); a request may write its lines elsewhere */
  wire: WireSink | null;
  /** HTTP/1.1 framing on this socket, made on first use */
  h1?: H1Channel;
}

export interface ConnectOptions {
  url: URL;
  proxy: URL | null;
  ca?: string;
  isTrusted?: (host: string, port: number, sha256: string) => boolean;
  alpn: string[];
  signal: CancelSignal;
  wire: WireSink | null;
}

export const defaultPort = (u: URL) => Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
/** `[::1]` → `::1`: what DNS, net and TLS want. */
export const bareHost = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');

/** Resolves on `ok`, rejects on 'error'/'close' or abort; cleans its listeners either way. */
function waitFor(socket: Socket, ok: string, signal: CancelSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const done = (err?: unknown) => {
      socket.off(ok, onOk).off('error', onErr).off('close', onClose);
      unsubscribe();
      if (err) reject(err);
      else resolve();
    };
    const onOk = () => done();
    const onErr = (e: Error) => done(e);
    const onClose = () => done(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const onAbort = () => {
      socket.destroy();
      done(signal.reason);
    };
    if (signal.aborted) return onAbort();
    socket.once(ok, onOk).once('error', onErr).once('close', onClose);
    unsubscribe = signal.onAbort(onAbort);
  });
}

async function tcp(host: string, port: number, signal: CancelSignal, timing: ConnTiming): Promise<Socket> {
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    const t0 = performance.now();
    addresses = await lookup(host, { all: true });
    timing.dns = performance.now() - t0;
    if (signal.aborted) throw signal.reason;
  }
  const t1 = performance.now();
  let last: unknown;
  // try each address in turn (localhost may be ::1 then 127.0.0.1); first success wins
  for (const a of addresses) {
    const socket = netConnect({ host: a.address, port, family: a.family });
    try {
      await waitFor(socket, 'connect', signal);
      socket.setNoDelay(true);
      timing.connect = performance.now() - t1;
      return socket;
    } catch (e) {
      last = e;
      if (signal.aborted) throw e;
    }
  }
  throw last;
}

/** CONNECT host:port through an HTTP proxy; the proxy's answer is read by hand (bounded). */
async function tunnel(socket: Socket, url: URL, proxy: URL, signal: CancelSignal, wire: WireSink | null): Promise<void> {
  const authority = `${url.hostname}:${defaultPort(url)}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.username) {
    const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    lines.push(`Proxy-Authorization: Basic ${Buffer.from(cred).toString('base64')}`);
  }
  for (const l of lines) wire?.out(l.startsWith('Proxy-Authorization') ? maskHeader('Proxy-Authorization', l.slice(21)) : l);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const head = await new Promise<string>((resolve, reject) => {
    let unsubscribe = () => {};
    let buf = Buffer.alloc(0);
    const onData = (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      const end = buf.indexOf('\r\n\r\n');
      if (end >= 0) {
        cleanup();
        // anything after the proxy's header belongs to the tunnel: put it back
        if (end + 4 < buf.length) socket.unshift(buf.subarray(end + 4));
        resolve(buf.subarray(0, end).toString('latin1'));
      } else if (buf.length > 16384) {
        cleanup();
        reject(new AppError('EPROTOCOL', 'the proxy answered CONNECT with an over-long header'));
      }
    };
    const onEnd = () => { cleanup(); reject(new AppError('ECONNECTION', 'the proxy closed the connection during CONNECT')); };
    const onAbort = () => { cleanup(); socket.destroy(); reject(signal.reason); };
    const cleanup = () => { socket.off('data', onData).off('end', onEnd).off('error', onEnd); unsubscribe(); socket.pause(); };
    socket.on('data', onData).once('end', onEnd).once('error', onEnd);
    unsubscribe = signal.onAbort(onAbort);
  });
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  for (const l of head.split('\r\n')) wire?.in(l);
  if (!status || !status[1].startsWith('2')) {
    socket.destroy();
    throw new AppError('ECONNECTION', `the proxy refused CONNECT ${authority}: ${head.split('\r\n')[0]}`);
  }
}

/** Opens a connection ready for HTTP: TCP (via the proxy if any), CONNECT, TLS with ALPN. */
export async function openConnection(o: ConnectOptions): Promise<Conn> {
  const timing: ConnTiming = { dns: null, connect: null, tls: null };
  const https = o.url.protocol === 'https:';
  const host = bareHost(o.url);
  const port = defaultPort(o.url);
  const hop = o.proxy ?? o.url;
  let socket = await tcp(bareHost(hop), defaultPort(hop), o.signal, timing);
  const remoteAddress = socket.remoteAddress ?? null;
  const remotePort = socket.remotePort ?? null;
  o.wire?.info(`connected to ${remoteAddress}:${remotePort}${o.proxy ? ` (proxy for ${host}:${port})` : ''}`);
  try {
    if (o.proxy && https) await tunnel(socket, o.url, o.proxy, o.signal, o.wire);
    if (!https) return { socket, tls: null, alpn: null, remoteAddress, remotePort, timing, pinnedFingerprint: null, wire: o.wire };
    const t0 = performance.now();
    const tlsSocket: TLSSocket = tlsConnect({
      socket,
      host,
      servername: isIP(host) ? undefined : host,
      ALPNProtocols: o.alpn,
      ca: o.ca ? [...rootCertificates, o.ca] : undefined,
      rejectUnauthorized: false, // see the file comment: we refuse untrusted peers below
    });
    socket = tlsSocket;
    await waitFor(tlsSocket, 'secureConnect', o.signal);
    timing.tls = performance.now() - t0;
    const info = tlsInfo(tlsSocket);
    let pinnedFingerprint: string | null = null;
    if (!tlsSocket.authorized) {
      const reason = String(tlsSocket.authorizationError ?? 'unknown');
      const leaf = info.chain[0]?.sha256 ?? '';
      if (leaf && o.isTrusted?.(host, port, leaf)) {
        pinnedFingerprint = leaf;
        o.wire?.info(`certificate not verified (${reason}) but its fingerprint is pinned for ${host}:${port}`);
      } else {
        tlsSocket.destroy();
        const code = isCertCode(reason) ? reason : 'CERT_UNTRUSTED';
        throw new AppError('ECERT', `certificate for ${host}:${port} is not trusted (${code})`, { chain: info.chain, fingerprint: leaf, host, port, reason: code });
      }
    }
    o.wire?.info(`TLS ${info.protocol} ${info.cipher} ALPN ${info.alpn ?? 'none'}`);
    return { socket: tlsSocket, tls: info, alpn: info.alpn, remoteAddress, remotePort, timing, pinnedFingerprint, wire: o.wire };
  } catch (e) {
    socket.destroy();
    throw o.signal.aborted ? o.signal.reason : toAppError(e);
  }
}
