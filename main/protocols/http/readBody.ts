import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { pipeline, Transform, type Readable, type Writable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Gunzip } from 'node:zlib';
import { AppError } from '../../../shared/errors';

/**
 * Reads a response body: counts bytes as transferred (after de-chunking, before decoding), undoes
 * Content-Encoding (gzip, deflate, br), hashes the decoded bytes, and stops at a decoded-size cap.
 * Streams are pulled chunk by chunk, so a decompression bomb never allocates past the cap (zlib
 * emits ≤ 16 KiB at a time and backpressure holds the socket while we do not read).
 */

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

/** A decoder for one Content-Encoding token, or null for identity; unknown codings are refused. */
function decoderFor(coding: string, firstByte: number | undefined): Gunzip | ReturnType<typeof createBrotliDecompress> | null {
  switch (coding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    // "deflate" is meant to be zlib-wrapped (RFC 9110), but some servers send raw deflate: a zlib
    // stream starts with a CMF byte whose low nibble is 8 (0x78 for the usual window)
    case 'deflate':
      return firstByte !== undefined && (firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new AppError('EPROTOCOL', `unsupported Content-Encoding: ${coding}`);
  }
}

/** Waits for the first chunk so `deflate` can be sniffed; re-queues it. */
async function peekFirstByte(source: Readable): Promise<number | undefined> {
  if (source.readableEnded) return undefined;
  const chunk: Buffer | null = source.read();
  if (chunk) {
    source.unshift(chunk);
    return chunk[0];
  }
  await Promise.race([once(source, 'readable'), once(source, 'end')]);
  return peekFirstByte(source);
}

export async function readBody(source: Readable, o: ReadBodyOptions): Promise<BodyRead> {
  const codings = (o.contentEncoding ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s && s !== 'identity');
  if (codings.length > 2) throw new AppError('EPROTOCOL', `too many Content-Encodings: ${o.contentEncoding}`);
  let wireBytes = 0;
  const countWire = (n: number) => {
    wireBytes += n;
    o.onProgress?.(wireBytes, o.total);
  };
  let decoded: Readable = source;
  if (codings.length) {
    const first = codings.includes('deflate') ? await peekFirstByte(source) : undefined;
    // codings are listed in the order they were applied: undo them in reverse
    const decoders = codings.reverse().map((c) => decoderFor(c, first)).filter((d): d is NonNullable<typeof d> => d !== null);
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        countWire(chunk.length);
        // an endless stream that decodes to (almost) nothing, e.g. empty deflate blocks, must still stop
        if (wireBytes > o.maxBytes) cb(new AppError('ELIMIT', `body exceeds the size limit of ${o.maxBytes} bytes on the wire`, { limit: o.maxBytes }));
        else cb(null, chunk);
      },
    });
    decoded = pipeline([source, counter, ...decoders], () => {}) as unknown as Readable;
  }
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const c of decoded) {
      let chunk = c as Buffer;
      if (decoded === source) countWire(chunk.length);
      if (bytes + chunk.length > o.maxBytes) {
        if (o.onLimit === 'error') throw new AppError('ELIMIT', `decoded body exceeds the size limit of ${o.maxBytes} bytes`, { limit: o.maxBytes });
        chunk = chunk.subarray(0, o.maxBytes - bytes);
        truncated = true;
      }
      bytes += chunk.length;
      hash.update(chunk);
      if (o.sink) {
        if (!o.sink.write(chunk)) await once(o.sink, 'drain');
      } else chunks.push(chunk);
      if (truncated) break;
    }
  } finally {
    // leaving early (limit, error, truncate) must not leave the connection half-read
    if (truncated || !source.readableEnded) source.destroy();
    if (decoded !== source) decoded.destroy();
  }
  return { data: o.sink ? null : Buffer.concat(chunks), bytes, wireBytes, sha256: hash.digest('hex'), truncated };
}
