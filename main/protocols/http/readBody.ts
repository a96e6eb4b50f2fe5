import { hash as hashOnce } from 'node:crypto';
import { once } from 'node:events';
import { pipeline, Readable, type Writable } from 'node:stream';
import {
  brotliDecompressSync, createBrotliDecompress, createGunzip, createInflate, createInflateRaw, gunzipSync, inflateRawSync, inflateSync,
} from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { BodyHasher, SWITCH } from './hasher';

/**
 * Reads a response body: counts bytes as transferred (after de-chunking, before decoding), undoes
 * Content-Encoding (gzip, deflate, br), hashes the decoded bytes, and stops at a decoded-size cap.
 *
 * Two paths, one result. A small compressed body (the common page) is gathered and inflated in one
 * synchronous call with `maxOutputLength` bounding what zlib may allocate — a zlib stream per
 * response costs more than the page itself. Anything larger is streamed chunk by chunk, so a
 * decompression bomb never allocates past the cap (zlib emits ≤ 16 KiB at a time and backpressure
 * holds the socket while we do not read).
 *
 * The SHA-256 of a large body is computed by ./hasher.ts in a worker thread, overlapping with
 * receiving; a small one in-thread with one call.
 */

/** What a body is read from: a Readable (HTTP/2 stream) or the HTTP/1.1 channel's body (./h1.ts). */
export interface BodySource extends AsyncIterable<Buffer> {
  /** every byte was delivered and read: nothing is left on the connection */
  readonly readableEnded: boolean;
  /** stop early: the connection is no longer usable */
  destroy(): unknown;
}

export interface ReadBodyOptions {
  contentEncoding: string | null;
  maxBytes: number;
  onLimit: 'error' | 'truncate';
  /** stream the decoded body here instead of keeping it (save-as / -o) */
  sink?: Writable;
  /** Content-Length, for progress */
  total: number | null;
  onProgress?: (received: number, total: number | null) => void;
}

export interface BodyRead {
  data: Buffer | null;
  bytes: number;
  wireBytes: number;
  sha256: string;
  truncated: boolean;
}

/** wire bytes gathered before choosing the one-shot path */
const SMALL_WIRE = 64 * 1024;
/** what the one-shot path may inflate to; past it we stream (or fail when the cap is lower) */
const SMALL_DECODED = 8 * 1024 * 1024;

type Coding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

/** "deflate" is meant to be zlib-wrapped (RFC 9110), but some servers send raw deflate: a zlib
 * stream starts with a CMF byte whose low nibble is 8 (0x78 for the usual window). */
function coding(token: string, firstByte: number | undefined): Coding {
  switch (token) {
    case 'gzip':
    case 'x-gzip':
      return 'gzip';
    case 'deflate':
      return firstByte !== undefined && (firstByte & 0x0f) === 8 ? 'deflate' : 'deflate-raw';
    case 'br':
      return 'br';
    default:
      throw new AppError('EPROTOCOL', `unsupported Content-Encoding: ${token}`);
  }
}

const streamFor = (c: Coding) => (c === 'gzip' ? createGunzip() : c === 'deflate' ? createInflate() : c === 'deflate-raw' ? createInflateRaw() : createBrotliDecompress());

function decodeSync(c: Coding, buf: Buffer, maxOutputLength: number): Buffer {
  const o = { maxOutputLength };
  return c === 'gzip' ? gunzipSync(buf, o) : c === 'deflate' ? inflateSync(buf, o) : c === 'deflate-raw' ? inflateRawSync(buf, o) : brotliDecompressSync(buf, o);
}

const tooLarge = (e: unknown) => (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
const limitError = (max: number) => new AppError('ELIMIT', `decoded body exceeds the size limit of ${max} bytes`, { limit: max });

export async function readBody(source: BodySource, o: ReadBodyOptions): Promise<BodyRead> {
  const tokens = (o.contentEncoding ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s && s !== 'identity');
  if (tokens.length > 2) throw new AppError('EPROTOCOL', `too many Content-Encodings: ${o.contentEncoding}`);
  // streamed bodies are hashed as they pass (off-thread once large); kept ones once at the end in
  // one call, unless they grow past SWITCH: then what was kept so far goes to a hasher too
  let hasher = o.sink ? new BodyHasher(o.total) : null;
  const chunks: Buffer[] = [];
  let wireBytes = 0;
  let bytes = 0;
  let truncated = false;
  /** takes decoded bytes; false = stop reading (truncated) */
  const take = async (c: Buffer): Promise<boolean> => {
    let chunk = c;
    if (bytes + chunk.length > o.maxBytes) {
      if (o.onLimit === 'error') throw limitError(o.maxBytes);
      chunk = chunk.subarray(0, o.maxBytes - bytes);
      truncated = true;
    }
    bytes += chunk.length;
    if (o.sink) {
      const behind = hasher!.update(chunk);
      if (!o.sink.write(chunk)) await once(o.sink, 'drain');
      if (behind) await behind;
    } else {
      chunks.push(chunk);
      // (no await on the common undefined: a microtask per chunk shows on fast loopback)
      let behind: Promise<void> | undefined;
      if (!hasher && bytes >= SWITCH) {
        hasher = new BodyHasher(o.total);
        for (const c of chunks) behind = hasher.update(c) ?? behind;
      } else if (hasher) behind = hasher.update(chunk);
      if (behind) await behind;
    }
    return !truncated;
  };
  const wire = (n: number) => {
    wireBytes += n;
    o.onProgress?.(wireBytes, o.total);
    // an endless stream that decodes to (almost) nothing, e.g. empty deflate blocks, must still stop
    if (tokens.length && wireBytes > o.maxBytes && o.onLimit === 'error') throw new AppError('ELIMIT', `body exceeds the size limit of ${o.maxBytes} bytes on the wire`, { limit: o.maxBytes });
  };
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let decoded: Readable | null = null;
  let sha256: string | null = null;
  try {
    if (!tokens.length) {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        wire(r.value.length);
        if (!(await take(r.value))) break;
      }
    } else {
      // gather a small body whole; stop gathering as soon as it is not small
      const pending: Buffer[] = [];
      let ended = false;
      let gathered = 0;
      while (gathered <= SMALL_WIRE) {
        const r = await it.next();
        if (r.done) { ended = true; break; }
        wire(r.value.length);
        pending.push(r.value);
        gathered += r.value.length;
      }
      const codings = tokens.reverse().map((t) => coding(t, pending[0]?.[0])); // undo in reverse order of application
      let done = false;
      if (ended && o.onLimit === 'error') {
        const cap = Math.min(o.maxBytes, SMALL_DECODED);
        try {
          let buf: Buffer = Buffer.concat(pending);
          for (const c of codings) buf = decodeSync(c, buf, cap + 1);
          if (buf.length > o.maxBytes) throw limitError(o.maxBytes);
          await take(buf);
          done = true;
        } catch (e) {
          if (!tooLarge(e)) throw e;
          if (o.maxBytes <= SMALL_DECODED) throw limitError(o.maxBytes);
          // larger than the one-shot budget but maybe under the cap: stream it below
        }
      }
      if (!done) {
        const rest = async function* () {
          yield* pending;
          if (ended) return;
          for (let r = await it.next(); !r.done; r = await it.next()) {
            wire(r.value.length);
            yield r.value;
          }
        };
        decoded = pipeline([Readable.from(rest(), { objectMode: false }), ...codings.map(streamFor)], () => {}) as unknown as Readable;
        for await (const c of decoded) if (!(await take(c as Buffer))) break;
      }
    }
    if (hasher) sha256 = await hasher.digest();
  } finally {
    // leaving early (limit, error, truncate) must not leave the connection half-read
    if (!source.readableEnded) source.destroy();
    decoded?.destroy();
    // nor a hash worker running (digest() has already stopped it on success)
    hasher?.dispose();
  }
  if (o.sink) return { data: null, bytes, wireBytes, sha256: sha256!, truncated };
  const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes);
  return { data, bytes, wireBytes, sha256: sha256 ?? hashOnce('sha256', data, 'hex'), truncated };
}
