import net from 'node:net';
import tls from 'node:tls';

/**
 * A minimal CRLF line reader over a socket, for the raw-protocol smoke tests (POP3). It can be
 * upgraded in place to TLS (STLS/STARTTLS) and fails fast on a timeout instead of hanging a test.
 */
export class LineConn {
  private buf = '';
  private waiters: ((line: string | Error) => void)[] = [];
  private lines: string[] = [];

  private constructor(private sock: net.Socket, private readonly timeoutMs: number) {
    this.attach(sock);
  }

  static connect(opts: { host: string; port: number; tls?: tls.ConnectionOptions; timeoutMs?: number }): Promise<LineConn> {
    return new Promise((resolve, reject) => {
      const sock = opts.tls
        ? tls.connect({ host: opts.host, port: opts.port, ...opts.tls }, () => resolve(new LineConn(sock, opts.timeoutMs ?? 10_000)))
        : net.connect({ host: opts.host, port: opts.port }, () => resolve(new LineConn(sock, opts.timeoutMs ?? 10_000)));
      sock.once('error', reject);
    });
  }

  private attach(sock: net.Socket): void {
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => {
      this.buf += d;
      let i: number;
      while ((i = this.buf.indexOf('\r\n')) >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 2);
        const w = this.waiters.shift();
        if (w) w(line);
        else this.lines.push(line);
      }
    });
    const fail = (e: Error) => { for (const w of this.waiters.splice(0)) w(e); };
    sock.on('error', fail);
    sock.on('close', () => fail(new Error('connection closed')));
  }

  /** Next line (without CRLF). */
  read(): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no line within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.waiters.push((l) => { clearTimeout(t); if (l instanceof Error) reject(l); else resolve(l); });
    });
  }

  /** Sends one command line and returns the first reply line. */
  async cmd(line: string): Promise<string> {
    this.sock.write(`${line}\r\n`);
    return this.read();
  }

  /** Reads a multi-line reply body up to the terminating "." line (POP3). */
  async readMulti(): Promise<string[]> {
    const out: string[] = [];
    for (let l = await this.read(); l !== '.'; l = await this.read()) out.push(l.startsWith('..') ? l.slice(1) : l);
    return out;
  }

  /** Upgrades the same TCP connection to TLS (after the server said go ahead). */
  startTls(opts: tls.ConnectionOptions): Promise<void> {
    const plain = this.sock;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    return new Promise((resolve, reject) => {
      const sec = tls.connect({ socket: plain, ...opts }, () => resolve());
      sec.once('error', reject);
      this.sock = sec;
      this.attach(sec);
    });
  }

  get encrypted(): boolean {
    return this.sock instanceof tls.TLSSocket && this.sock.encrypted;
  }

  close(): void {
    this.sock.destroy();
  }
}
