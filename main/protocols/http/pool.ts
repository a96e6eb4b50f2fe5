import { connect as h2connect, type ClientHttp2Session } from 'node:http2';
import type { Conn } from './connect';

/**
 * Kept-alive connections of one HttpClient: idle HTTP/1.1 sockets and one HTTP/2 session per
 * origin key (origin + proxy + extra CA, so a request with another CA never rides a connection
 * verified against different roots).
 *
 * Taking and returning a socket is on the path of every kept-alive request, so it adds and removes
 * no listeners and arms no per-socket timer: each pooled socket gets one 'close' listener for its
 * life, and one sweeper (unref'd) closes sockets idle for longer than IDLE_MS.
 */

const IDLE_MS = 30_000;
const SWEEP_MS = 5_000;
/**
 * HTTP/2 receive windows. Node advertises RFC 9113's default 64 KiB (stream and connection), so a
 * server may have only 64 KiB in flight before it waits for our WINDOW_UPDATE: on a fast link
 * that round trip, not the bandwidth, set the pace (a 1 GiB download ran at ~0.6× the speed it
 * reaches with these). A paused stream stops consuming, so what a slow reader can be made to
 * buffer stays bounded by the stream window (and all streams together by the connection's).
 */
const H2_STREAM_WINDOW = 4 * 1024 * 1024;
const H2_SESSION_WINDOW = 16 * 1024 * 1024;

export interface H2Entry {
  session: ClientHttp2Session;
  conn: Conn;
}

interface Idle {
  key: string;
  since: number;
}

export class ConnectionPool {
  private idle = new Map<string, Conn[]>();
  /** where each idle connection is parked and since when */
  private parked = new Map<Conn, Idle>();
  private watched = new WeakSet<Conn>();
  private h2 = new Map<string, H2Entry>();
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  /** An idle HTTP/1.1 connection still open, or undefined. */
  takeIdle(key: string): Conn | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const c = list.pop()!;
      this.parked.delete(c);
      if (!c.socket.destroyed && c.socket.writable && c.socket.readable) {
        c.socket.ref();
        return c;
      }
      c.socket.destroy();
    }
    return undefined;
  }

  /** Puts a connection whose response was fully read back; it closes itself after IDLE_MS. */
  release(key: string, c: Conn): void {
    if (this.closed || c.socket.destroyed) return void c.socket.destroy();
    let list = this.idle.get(key);
    if (!list) this.idle.set(key, (list = []));
    list.push(c);
    this.parked.set(c, { key, since: Date.now() });
    if (!this.watched.has(c)) {
      this.watched.add(c);
      c.socket.once('close', () => this.onClose(c));
    }
    // an idle keep-alive socket must not keep the process (CLI, tests) alive
    c.socket.unref();
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  private onClose(c: Conn): void {
    const p = this.parked.get(c);
    if (p) {
      this.parked.delete(c);
      const list = this.idle.get(p.key);
      const i = list ? list.indexOf(c) : -1;
      if (i >= 0) list!.splice(i, 1);
    }
    c.wire?.info(p ? 'idle connection closed' : 'connection closed');
    c.wire?.close();
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [c, p] of this.parked) if (p.since < cutoff) c.socket.destroy();
    if (!this.parked.size && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  getH2(key: string): H2Entry | undefined {
    const e = this.h2.get(key);
    if (e && !e.session.closed && !e.session.destroyed) return e;
    if (e) this.h2.delete(key);
    return undefined;
  }

  /** Wraps a connection whose ALPN chose h2 into a session shared by later requests. */
  addH2(key: string, origin: string, conn: Conn): H2Entry {
    const session = h2connect(origin, {
      createConnection: () => conn.socket,
      maxHeaderListPairs: 2000,
      settings: { enablePush: false, initialWindowSize: H2_STREAM_WINDOW },
    });
    // the connection window is not a SETTINGS value: it is widened by a WINDOW_UPDATE once connected
    const widen = () => session.setLocalWindowSize(H2_SESSION_WINDOW);
    if (session.connecting) session.once('connect', widen);
    else widen();
    session.on('error', () => session.destroy());
    session.on('close', () => {
      if (this.h2.get(key)?.session === session) this.h2.delete(key);
      conn.wire?.info('HTTP/2 session closed');
      conn.wire?.close();
    });
    session.setTimeout(IDLE_MS, () => session.close());
    const entry = { session, conn };
    if (!this.closed) this.h2.set(key, entry);
    return entry;
  }

  /** Destroys every kept-alive socket and session. */
  close(): void {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const list of this.idle.values()) for (const c of list) c.socket.destroy();
    this.idle.clear();
    for (const e of this.h2.values()) e.session.destroy();
    this.h2.clear();
  }
}
