import { AppError } from '../../../shared/errors';

/**
 * An incremental HTTP/1.1 response parser (RFC 9112), fed socket chunks as they come.
 *
 * Why our own: node:http's request/parser machinery costs more per kept-alive request than the
 * exchange itself (issue 3's 1,000-GET benchmark). This parser does no work per byte that it can
 * avoid: it looks for LF with `indexOf`, decodes only complete lines, and hands body bytes on as
 * `subarray`s of the socket's chunk (no copy). A line split across chunks is kept as pieces and
 * joined once, so a peer trickling one byte at a time costs O(n), not O(n²).
 *
 * Limits, all enforced while the bytes arrive (never after buffering them): the head (status line
 * plus header lines) is capped at `maxHeaderBytes` and `maxHeaders` lines → ELIMIT; a chunk-size
 * line at 4 KiB, trailers at `maxHeaderBytes`, interim 1xx heads at 32 → EPROTOCOL / ELIMIT.
 * Framing follows RFC 9112 §6.3; both Content-Length and Transfer-Encoding is refused (a response
 * smuggling vector), as is a Content-Length that is not one non-negative safe integer.
 */

export interface ResponseHead {
  httpVersion: string;
  status: number;
  reason: string;
  /** as received: order, repeats and name case kept */
  headers: [string, string][];
  /** whether the connection may carry another request once this response's body ended */
  keepAlive: boolean;
}

export interface ParserSink {
  head(h: ResponseHead): void;
  /** de-chunked body bytes (a view into the socket's chunk: the sink may keep it) */
  body(chunk: Buffer): void;
  /** the response is complete; `pipelined`: bytes followed it in the same chunk */
  end(pipelined: boolean): void;
}

const STATUS = 0;
const HEADERS = 1;
const LENGTH = 2;
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_CRLF = 5;
const TRAILERS = 6;
const UNTIL_CLOSE = 7;
const DONE = 8;

const MAX_CHUNK_LINE = 4096;
const MAX_INTERIM = 32;
/** 13 hex digits = 2^52: any larger chunk is not a real one, and stays a safe integer */
const MAX_CHUNK_HEX = 13;

/** RFC 9110 tchar, as a lookup table (a regex per header name costs more than the loop) */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TCHAR[c.charCodeAt(0)] = 1;

export function isToken(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || !TCHAR[c]) return false;
  }
  return true;
}

const malformed = (what: string) => new AppError('EPROTOCOL', `malformed HTTP response: ${what}`);
const headersTooLarge = (why: string) => new AppError('ELIMIT', `response headers too large (${why})`);

export class ResponseParser {
  private state = DONE;
  private headRequest = false;
  /** a line not yet terminated: its pieces (views into earlier chunks) and their total length */
  private pieces: Buffer[] = [];
  private pending = 0;
  private headBytes = 0;
  private interim = 0;
  private remaining = 0;
  private httpVersion = '';
  private status = 0;
  private reason = '';
  private headers: [string, string][] = [];
  private contentLength = -1;
  private te: string | null = null;
  private close = false;
  private sawCr = false;
  private maxHeaderBytes = 0;

  constructor(
    private readonly sink: ParserSink,
    private readonly maxHeaders: number,
  ) {}

  /**
   * Expects a new response. `headRequest`: the request was HEAD (no body follows);
   * `maxHeaderBytes` caps the head (and, separately, the trailers).
   */
  begin(headRequest: boolean, maxHeaderBytes: number): void {
    this.state = STATUS;
    this.maxHeaderBytes = maxHeaderBytes;
    this.headRequest = headRequest;
    this.interim = 0;
    this.sawCr = false;
    this.resetHead();
  }

  /** Forgets the response in progress (after an error): the parser expects nothing. */
  reset(): void {
    this.state = DONE;
    this.pieces = [];
    this.pending = 0;
  }

  /** Whether a response is expected and not complete yet. */
  get busy(): boolean {
    return this.state !== DONE;
  }

  /** Parses `buf`; throws AppError (EPROTOCOL / ELIMIT) on a malformed or oversized response. */
  feed(buf: Buffer): void {
    let pos = 0;
    const len = buf.length;
    while (pos < len) {
      const state = this.state;
      if (state === LENGTH || state === CHUNK_DATA) {
        const n = Math.min(this.remaining, len - pos);
        this.sink.body(pos === 0 && n === len ? buf : buf.subarray(pos, pos + n));
        pos += n;
        this.remaining -= n;
        if (this.remaining === 0) {
          if (state === CHUNK_DATA) this.state = CHUNK_CRLF;
          else return this.finish(pos < len);
        }
      } else if (state === CHUNK_CRLF) {
        // the CRLF after a chunk's data (a bare LF is tolerated, as at every line end)
        const c = buf[pos++];
        if (c === 13 && !this.sawCr) this.sawCr = true;
        else if (c === 10) {
          this.sawCr = false;
          this.state = CHUNK_SIZE;
        } else throw malformed('chunk data not followed by CRLF');
      } else if (state === UNTIL_CLOSE) {
        this.sink.body(pos === 0 ? buf : buf.subarray(pos));
        return;
      } else if (state === DONE) {
        // bytes while no response is expected: the caller decides what that means
        throw malformed('data after the end of the response');
      } else {
        // a line: status, header, chunk size or trailer
        const limit = state === CHUNK_SIZE ? MAX_CHUNK_LINE : this.maxHeaderBytes;
        const nl = buf.indexOf(10, pos);
        if (nl < 0) return this.keep(buf, pos, len, limit);
        const line = this.line(buf, pos, nl, limit);
        pos = nl + 1;
        if (state === CHUNK_SIZE) this.onChunkSize(line);
        else this.onLine(line);
        if (this.state === DONE) return this.finish(pos < len);
      }
    }
  }

  /**
   * The peer closed its side. Completes a body that runs until close; anything else incomplete
   * is an error (ECONNECTION: the server closed too early).
   */
  eof(): void {
    if (this.state === UNTIL_CLOSE) return this.finish(false);
    if (this.state === DONE) return;
    const noResponse = this.state === STATUS && this.interim === 0 && this.headBytes === 0 && this.pending === 0;
    this.state = DONE;
    throw new AppError('ECONNECTION', noResponse ? 'the server closed the connection without a response' : 'the server closed the connection before the response was complete');
  }

  private resetHead(): void {
    this.pieces = [];
    this.pending = 0;
    this.headBytes = 0;
    this.httpVersion = '';
    this.status = 0;
    this.reason = '';
    this.headers = [];
    this.contentLength = -1;
    this.te = null;
    this.close = false;
  }

  /** keeps the unterminated rest of a chunk as a piece of the current line */
  private keep(buf: Buffer, pos: number, len: number, limit: number): void {
    this.pieces.push(buf.subarray(pos, len));
    this.pending += len - pos;
    this.count(this.pending, limit);
  }

  private count(lineBytes: number, limit: number): void {
    if (this.state === CHUNK_SIZE) {
      if (lineBytes > limit) throw malformed(`chunk-size line longer than ${limit} bytes`);
    } else if (this.headBytes + lineBytes > limit) {
      throw this.state === TRAILERS ? new AppError('ELIMIT', 'response trailers too large (over the header size limit)') : headersTooLarge('over the header size limit');
    }
  }

  /** the complete line ending at `nl` (LF), without its CRLF / LF, as latin1 text */
  private line(buf: Buffer, pos: number, nl: number, limit: number): string {
    const total = this.pending + (nl - pos) + 1;
    this.count(total, limit);
    if (this.state !== CHUNK_SIZE) this.headBytes += total;
    let text: string;
    if (this.pending === 0) {
      const end = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      text = buf.toString('latin1', pos, end);
    } else {
      this.pieces.push(buf.subarray(pos, nl));
      const whole = Buffer.concat(this.pieces, this.pending + nl - pos);
      this.pieces = [];
      this.pending = 0;
      const end = whole.length && whole[whole.length - 1] === 13 ? whole.length - 1 : whole.length;
      text = whole.toString('latin1', 0, end);
    }
    return text;
  }

  private onLine(line: string): void {
    if (this.state === STATUS) {
      // stray empty lines before a status line are skipped (RFC 9112 §2.2); they count as head bytes
      if (line.length === 0) return;
      this.statusLine(line);
      this.state = HEADERS;
    } else if (this.state === HEADERS) {
      if (line.length === 0) this.headDone();
      else this.headerLine(line);
    } else if (line.length === 0) {
      this.state = DONE; // the empty line after the trailers
    } else if (line.indexOf(':') <= 0) throw malformed('bad trailer line');
  }

  private statusLine(line: string): void {
    // HTTP/1.x SP 3DIGIT [SP reason]
    const ok = line.length >= 12 && line.startsWith('HTTP/1.') && (line.charCodeAt(7) === 48 || line.charCodeAt(7) === 49) && line.charCodeAt(8) === 32 && isDigit(line, 9) && isDigit(line, 10) && isDigit(line, 11) && (line.length === 12 || line.charCodeAt(12) === 32);
    if (!ok) throw malformed(`bad status line ${JSON.stringify(line.slice(0, 80))}`);
    this.status = (line.charCodeAt(9) - 48) * 100 + (line.charCodeAt(10) - 48) * 10 + (line.charCodeAt(11) - 48);
    if (this.status < 100) throw malformed(`bad status code ${this.status}`);
    this.httpVersion = line.slice(0, 8);
    this.reason = line.length > 13 ? line.slice(13) : '';
    checkText(this.reason, 'reason phrase');
  }

  private headerLine(line: string): void {
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      // obs-fold: RFC 9112 §5.2 lets a user agent replace it with SP
      const last = this.headers[this.headers.length - 1];
      if (!last) throw malformed('continuation line before any header');
      const more = trimOws(line);
      checkText(more, 'header value');
      last[1] = more ? `${last[1]} ${more}` : last[1];
      return;
    }
    if (this.headers.length >= this.maxHeaders) throw headersTooLarge(`more than ${this.maxHeaders} header lines`);
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`bad header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon);
    // no whitespace before the colon (RFC 9112 §5.1): a token check covers it
    if (!isToken(name)) throw malformed(`bad header name ${JSON.stringify(name.slice(0, 80))}`);
    const value = trimOws(line.slice(colon + 1));
    checkText(value, 'header value');
    this.headers.push([name, value]);
    this.framing(name, value);
  }

  /** notes the headers that decide framing and reuse */
  private framing(name: string, value: string): void {
    const n = name.length;
    if (n !== 10 && n !== 14 && n !== 17) return;
    const k = name.toLowerCase();
    if (k === 'content-length') {
      // "5741" or a list of identical values (RFC 9110 §8.6); anything else is refused
      for (const part of value.split(',')) {
        const v = trimOws(part);
        if (!v.length || v.length > 15 || !isDigits(v)) throw malformed(`bad Content-Length ${JSON.stringify(value.slice(0, 40))}`);
        const len = Number(v);
        if (this.contentLength >= 0 && this.contentLength !== len) throw malformed('conflicting Content-Length values');
        this.contentLength = len;
      }
    } else if (k === 'transfer-encoding') {
      this.te = this.te === null ? value : `${this.te}, ${value}`;
    } else if (k === 'connection') {
      for (const t of value.split(',')) if (trimOws(t).toLowerCase() === 'close') this.close = true;
    }
  }

  private headDone(): void {
    const s = this.status;
    if (s < 200) {
      // 101 answers an Upgrade we never ask for; other 1xx (100 Continue, 103 Early Hints) are interim
      if (s === 101) throw malformed('101 Switching Protocols without an upgrade request');
      if (++this.interim > MAX_INTERIM) throw malformed(`more than ${MAX_INTERIM} interim (1xx) responses`);
      this.resetHead();
      this.state = STATUS;
      return;
    }
    if (this.te !== null && this.contentLength >= 0) throw malformed('both Content-Length and Transfer-Encoding (refused: request smuggling)');
    let keepAlive = this.httpVersion === 'HTTP/1.1' && !this.close;
    let next: number;
    if (this.headRequest || s === 204 || s === 304) next = DONE;
    else if (this.te !== null) {
      const codings = this.te.split(',').map((t) => trimOws(t).toLowerCase()).filter((t) => t.length);
      const chunked = codings.indexOf('chunked');
      if (chunked >= 0 && (chunked !== codings.length - 1 || codings.length > 1)) throw malformed(`unsupported Transfer-Encoding ${JSON.stringify(this.te.slice(0, 60))}`);
      if (chunked >= 0) next = CHUNK_SIZE;
      else {
        // a transfer coding without chunked last: the body runs until close (RFC 9112 §6.3 ¶4)
        next = UNTIL_CLOSE;
      }
    } else if (this.contentLength >= 0) next = this.contentLength === 0 ? DONE : LENGTH;
    else next = UNTIL_CLOSE;
    if (next === UNTIL_CLOSE) keepAlive = false;
    this.remaining = next === LENGTH ? this.contentLength : 0;
    const head: ResponseHead = { httpVersion: this.httpVersion, status: s, reason: this.reason, headers: this.headers, keepAlive };
    // DONE (no body) is noticed by feed(), which knows whether bytes follow
    this.state = next;
    this.sink.head(head);
  }

  private onChunkSize(line: string): void {
    // chunk-size [ BWS ; ext ... ]: extensions are ignored (their length is bounded by the line cap)
    let i = 0;
    let size = 0;
    while (i < line.length) {
      const d = hex(line.charCodeAt(i));
      if (d < 0) break;
      size = size * 16 + d;
      i++;
    }
    if (i === 0 || i > MAX_CHUNK_HEX) throw malformed(i === 0 ? `bad chunk size ${JSON.stringify(line.slice(0, 40))}` : 'chunk size too large');
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 59) break; // ';' starts the extensions
      if (c !== 32 && c !== 9) throw malformed(`bad chunk size ${JSON.stringify(line.slice(0, 40))}`);
    }
    if (size === 0) {
      this.headBytes = 0; // trailers get their own budget
      this.state = TRAILERS;
    } else {
      this.remaining = size;
      this.state = CHUNK_DATA;
    }
  }

  /** `pipelined`: unread bytes followed the response in the chunk at hand */
  private finish(pipelined: boolean): void {
    this.state = DONE;
    this.sink.end(pipelined);
  }
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s, i)) return false;
  return true;
}

function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** strips optional whitespace (SP / HTAB) at both ends */
function trimOws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** field-value / reason-phrase characters: HTAB, SP, VCHAR, obs-text; no CR, NUL or other CTL */
function checkText(s: string, what: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9) throw malformed(`control character 0x${c.toString(16).padStart(2, '0')} in a ${what}`);
  }
}
