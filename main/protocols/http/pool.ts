import { connect as h2connect, type ClientHttp2Session } from 'node:http2';
import type { Conn } from './connect';

/**
 * Kept-alive connections of one HttpClient: idle HTTP/1.1 sockets and one HTTP/2 session per
 * origin key (origin + proxy + extra CA, so a request with another CA never rides a connection
 * verified against different roots).
 */

const IDLE_MS = 30_000;

export interface H2Entry {
  session: ClientHttp2Session;
  conn: Conn;
}

export class ConnectionPool {
  private idle = new Map<string, Conn[]>();
  /** the pool's own listeners on an idle socket (the H1 channel keeps its listeners) */
  private drops = new Map<Conn, () => void>();
  private h2 = new Map<string, H2Entry>();
  private closed = false;

  /** An idle HTTP/1.1 connection still open, or undefined. */
  takeIdle(key: string): Conn | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const c = list.pop()!;
      const drop = this.drops.get(c);
      this.drops.delete(c);
      if (drop) c.socket.off('close', drop).off('error', drop).off('timeout', drop);
      c.socket.setTimeout(0);
      c.socket.ref();
      if (!c.socket.destroyed && c.socket.writable && c.socket.readable) return c;
      c.socket.destroy();
    }
    return undefined;
  }

  /** Puts a connection whose response was fully read back; it closes itself after IDLE_MS. */
  release(key: string, c: Conn): void {
    if (this.closed || c.socket.destroyed) return void c.socket.destroy();
    const list = this.idle.get(key) ?? [];
    this.idle.set(key, list);
    list.push(c);
    const drop = () => {
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      this.drops.delete(c);
      c.socket.destroy();
      c.wire?.info('idle connection closed');
      c.wire?.close();
    };
    this.drops.set(c, drop);
    c.socket.once('close', drop).once('error', drop).once('timeout', drop);
    c.socket.setTimeout(IDLE_MS);
    // an idle keep-alive socket must not keep the process (CLI, tests) alive
    c.socket.unref();
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
      settings: { enablePush: false },
    });
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
    for (const list of this.idle.values()) for (const c of list) c.socket.destroy();
    this.idle.clear();
    this.drops.clear();
    for (const e of this.h2.values()) e.session.destroy();
    this.h2.clear();
  }
}
