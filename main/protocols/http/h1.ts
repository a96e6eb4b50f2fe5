import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import { AppError } from '../../../shared/errors';
import type { CancelSignal } from './cancel';
import { ResponseParser, isToken, type ParserSink, type ResponseHead } from './h1parse';
import { BodyQueue } from './streamBody';
import type { BodySource } from './readBody';

/**
 * HTTP/1.1 on a socket we opened (plain, TLS, or through a proxy), without node:http: the request
 * head is serialised into one Buffer exactly as listed (order, case and repeats kept; nothing
 * added), and the response is parsed by ./h1parse.ts. One H1Channel lives as long as its socket,
 * with its listeners attached once, and carries one exchange at a time (no pipelining).
 *
 * The body is handed to readBody() as a BodySource: a pull iterator over the parser's chunks that
 * pauses the socket while more than HIGH_WATER bytes wait unread, so a fast sender cannot fill
 * memory faster than the body is decoded and checked against its cap. A pull takes everything
 * queued as one Buffer: a reader slower than the socket (a file sink) then writes few large
 * chunks (1 GiB to `url fetch -o`: 1.9 s and ~150 MiB peak RSS, was 3.9 s and ~1.1 GiB).
 */

export interface H1Request {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | null;
  maxHeaderBytes: number;
  signal: CancelSignal;
}

export interface H1Response extends ResponseHead {
  body: BodySource;
  /** ms from writing the request to the complete response head */
  ttfb: number;
}

/** header lines per response head; the IPC schema's HeaderList holds at most 1000 pairs */
const MAX_HEADERS = 1000;
const HIGH_WATER = 256 * 1024;

const invalid = (what: string) => new AppError('EINVALID', `cannot send this request: ${what}`);

/** field values go out as latin1: no CR/LF/NUL (header injection), nothing beyond U+00FF */
function checkValue(v: string, name: string): void {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127 || c > 255) throw invalid(`header ${name} has a character that cannot go on the wire (U+${c.toString(16).padStart(4, '0').toUpperCase()})`);
  }
}

/** `METHOD target HTTP/1.1` CRLF, header lines, CRLF: validated, as one latin1 Buffer. */
export function serializeHead(method: string, target: string, headers: [string, string][]): Buffer {
  if (!isToken(method)) throw invalid(`bad method ${JSON.stringify(method)}`);
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 32 || c === 127 || c > 255) throw invalid('the request target has a space or control character');
  }
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (const [n, v] of headers) {
    if (!isToken(n)) throw invalid(`bad header name ${JSON.stringify(n)}`);
    checkValue(v, n);
    head += `${n}: ${v}\r\n`;
  }
  return Buffer.from(`${head}\r\n`, 'latin1');
}

/** The response body as readBody pulls it: fed by the parser, backpressure on the socket. */
class H1Body extends BodyQueue {
  constructor(private readonly channel: H1Channel) {
    super(HIGH_WATER);
  }
  protected pauseSource(): void {
    this.channel.socket.pause();
  }
  protected resumeSource(): void {
    this.channel.socket.resume();
  }
  /** the connection is left half-read, so it goes */
  protected abandonSource(): void {
    this.channel.abandon(this);
  }
}

/** One request in flight: waiting for its head, then feeding its body. */
interface Pending {
  t0: number;
  resolve: (r: H1Response) => void;
  reject: (e: unknown) => void;
  body: H1Body | null;
  signal: CancelSignal;
  unsubscribe: () => void;
}

export class H1Channel implements ParserSink {
  private readonly parser: ResponseParser;
  private cur: Pending | null = null;

  constructor(readonly socket: Socket) {
    this.parser = new ResponseParser(this, MAX_HEADERS);
    socket.on('data', (c: Buffer) => this.onData(c));
    socket.on('end', () => this.onEnd());
    socket.on('error', (e: Error) => this.fail(e));
    socket.on('close', () => this.fail(new AppError('ECONNECTION', 'the connection closed before the response was complete')));
  }

  /** Sends one request; resolves when the response head (after any 1xx) has arrived. */
  exchange(o: H1Request): Promise<H1Response> {
    if (this.cur || this.parser.busy) return Promise.reject(new AppError('EINTERNAL', 'HTTP/1.1 connection already busy'));
    // validated (and possibly refused) before anything is written
    const head = serializeHead(o.method, o.target, o.headers);
    if (o.signal.aborted) return Promise.reject(o.signal.reason);
    return new Promise<H1Response>((resolve, reject) => {
      const p: Pending = { t0: performance.now(), resolve, reject, body: null, signal: o.signal, unsubscribe: () => {} };
      this.cur = p;
      p.unsubscribe = o.signal.onAbort(() => this.fail(o.signal.reason, true));
      this.parser.begin(o.method === 'HEAD', o.maxHeaderBytes);
      // one write: head and a body together (Expect: 100-continue is not waited for, as before)
      this.socket.write(o.body?.length ? Buffer.concat([head, o.body]) : head);
    });
  }

  head(h: ResponseHead): void {
    const p = this.cur!;
    const body = new H1Body(this);
    p.body = body;
    p.resolve({ httpVersion: h.httpVersion, status: h.status, reason: h.reason, headers: h.headers, keepAlive: h.keepAlive, body, ttfb: performance.now() - p.t0 });
  }

  body(chunk: Buffer): void {
    this.cur!.body!.push(chunk);
  }

  end(pipelined: boolean): void {
    const p = this.cur!;
    this.cur = null;
    p.unsubscribe();
    p.body!.end();
    // bytes after a complete response were never asked for: the stream is out of step, drop it
    if (pipelined) this.socket.destroy();
  }

  /** the reader gave up on a body (arrived whole or not): the socket cannot be reused */
  abandon(body: H1Body): void {
    if (this.cur?.body === body) this.fail(new AppError('ECANCELLED', 'body reading stopped'), true);
    else this.socket.destroy();
  }

  private onData(c: Buffer): void {
    if (!this.cur) {
      // nothing asked: an idle connection must stay silent
      this.socket.destroy();
      return;
    }
    try {
      this.parser.feed(c);
    } catch (e) {
      this.fail(e, true);
    }
  }

  private onEnd(): void {
    if (!this.cur) return;
    try {
      this.parser.eof();
    } catch (e) {
      this.fail(e, true);
    }
  }

  /** ends the current exchange with `e` (the head promise or the body); `destroy`: the socket too */
  private fail(e: unknown, destroy = false): void {
    const p = this.cur;
    if (destroy || p) this.socket.destroy();
    if (!p) return;
    this.cur = null;
    p.unsubscribe();
    this.parser.reset();
    if (p.body) p.body.fail(e);
    else p.reject(e);
  }
}
