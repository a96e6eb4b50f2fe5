import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { toAppError } from './errors';
import { readBody, type ReadBodyOptions } from './readBody';

const text = Buffer.from('héllo wörld '.repeat(2000));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** a source delivering `buf` in 1000-byte chunks, like a socket would */
const src = (buf: Buffer) => Readable.from((function* () { for (let i = 0; i < buf.length; i += 1000) yield buf.subarray(i, i + 1000); })(), { objectMode: false });
const opts = (contentEncoding: string | null, extra: Partial<ReadBodyOptions> = {}): ReadBodyOptions => ({ contentEncoding, maxBytes: 1 << 30, onLimit: 'error', total: null, ...extra });

describe('readBody', () => {
  it.each([
    ['gzip', gzipSync(text)], ['x-gzip', gzipSync(text)], ['deflate', deflateSync(text)], ['deflate', deflateRawSync(text)], ['br', brotliCompressSync(text)], [null, text],
  ])('decodes %s; wireBytes is the transfer size, bytes and sha256 the decoded body', async (enc, wire) => {
    const r = await readBody(src(wire as Buffer), opts(enc as string | null));
    expect(r.data!.equals(text)).toBe(true);
    expect(r.wireBytes).toBe((wire as Buffer).length);
    expect(r.bytes).toBe(text.length);
    expect(r.sha256).toBe(sha(text));
  });

  it('stacked codings are undone in reverse order', async () => {
    const r = await readBody(src(brotliCompressSync(gzipSync(text))), opts('gzip, br'));
    expect(r.data!.equals(text)).toBe(true);
  });

  it('small and large bombs both stop at the cap with ELIMIT (one-shot and streaming paths)', async () => {
    const small = gzipSync(Buffer.alloc(50 * 1024 * 1024)); // ~50 KiB on the wire
    expect(small.length).toBeLessThan(64 * 1024);
    await expect(readBody(src(small), opts('gzip', { maxBytes: 1024 * 1024 }))).rejects.toMatchObject({ code: 'ELIMIT' });
    await expect(readBody(src(small), opts('gzip', { maxBytes: 20 * 1024 * 1024 }))).rejects.toMatchObject({ code: 'ELIMIT' });
    const ok = await readBody(src(small), opts('gzip', { maxBytes: 60 * 1024 * 1024 }));
    expect(ok.bytes).toBe(50 * 1024 * 1024);
  });

  it('truncate keeps exactly the cap; progress reports wire bytes', async () => {
    const seen: number[] = [];
    const r = await readBody(src(text), opts(null, { maxBytes: 2500, onLimit: 'truncate', total: text.length, onProgress: (n) => seen.push(n) }));
    expect(r).toMatchObject({ bytes: 2500, truncated: true });
    expect(r.data!.equals(text.subarray(0, 2500))).toBe(true);
    expect(seen.slice(0, 3)).toEqual([1000, 2000, 3000]);
  });

  it('corrupt or unknown encodings are EPROTOCOL', async () => {
    const e = await readBody(src(Buffer.from('not gzip at all')), opts('gzip')).catch((x: unknown) => x);
    expect(toAppError(e).code).toBe('EPROTOCOL');
    const u = await readBody(src(text), opts('zstd')).catch((x: unknown) => x);
    expect(u).toBeInstanceOf(AppError);
    expect((u as AppError).code).toBe('EPROTOCOL');
  });
});
