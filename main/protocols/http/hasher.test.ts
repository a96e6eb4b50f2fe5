import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { BodyHasher, SWITCH, activeHashWorkers } from './hasher';
import { readBody, type BodySource, type ReadBodyOptions } from './readBody';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MiB = 1024 * 1024;

/** Odd chunk sizes (1 B … ~200 KiB), so chunks straddle the worker's 1 MiB slabs. */
function* pieces(buf: Buffer): Generator<Buffer> {
  let at = 0;
  for (let i = 0; at < buf.length; i++) {
    const n = i % 7 === 0 ? 1 : 1 + ((i * 7919) % (200 * 1024));
    yield buf.subarray(at, at + n);
    at += n;
  }
}

/** A body source as a socket would deliver `buf`; with `failAfter`, it fails (like an abort) there. */
function source(buf: Buffer, failAfter = Infinity): BodySource & { destroyed: boolean } {
  let ended = false;
  const s = {
    destroyed: false,
    get readableEnded() { return ended; },
    destroy() { s.destroyed = true; },
    async *[Symbol.asyncIterator]() {
      let sent = 0;
      for (const c of pieces(buf)) {
        if (sent >= failAfter) {
          await new Promise((r) => setTimeout(r, 20)); // let the worker be mid-batch
          throw new AppError('ECANCELLED', 'request cancelled');
        }
        sent += c.length;
        yield c;
      }
      ended = true;
    },
  };
  return s;
}

const discard = () => new Writable({ write: (_c, _e, cb) => cb() });
const opts = (extra: Partial<ReadBodyOptions> = {}): ReadBodyOptions => ({ contentEncoding: null, maxBytes: 1 << 30, onLimit: 'error', total: null, ...extra });

/** resolves when every hash worker has exited (terminate() is asynchronous) */
async function noWorkersLeft(): Promise<number> {
  for (let i = 0; i < 200 && activeHashWorkers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return activeHashWorkers();
}

describe('BodyHasher', () => {
  it('a multi-MiB body hashed in the worker equals createHash of the same bytes', async () => {
    const body = randomBytes(24 * MiB + 12345);
    const h = new BodyHasher();
    let sawWorker = false;
    for (const c of pieces(body)) {
      const behind = h.update(c);
      sawWorker ||= activeHashWorkers() > 0;
      if (behind) await behind;
    }
    expect(sawWorker).toBe(true);
    expect(await h.digest()).toBe(sha(body));
    expect(await noWorkersLeft()).toBe(0);
  });

  it('a small body never starts a worker; an announced large one starts it at once', async () => {
    const small = randomBytes(SWITCH - 1);
    const h = new BodyHasher(small.length);
    for (const c of pieces(small)) h.update(c);
    expect(activeHashWorkers()).toBe(0);
    expect(await h.digest()).toBe(sha(small));
    expect(await new BodyHasher().digest()).toBe(sha(Buffer.alloc(0)));

    const big = new BodyHasher(SWITCH);
    expect(activeHashWorkers()).toBe(1);
    big.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('past the in-flight bound update() asks to wait, and the wait ends when the worker catches up', async () => {
    const body = randomBytes(40 * MiB);
    const h = new BodyHasher(body.length);
    let waits = 0;
    for (let at = 0; at < body.length; at += MiB) {
      const behind = h.update(body.subarray(at, at + MiB));
      if (behind) {
        waits++;
        await behind;
      }
    }
    // posted faster than any hash runs: the bound was hit at least once
    expect(waits).toBeGreaterThan(0);
    expect(await h.digest()).toBe(sha(body));
  });
});

describe('readBody hashing a streamed body', () => {
  it.each([['unknown length', null], ['Content-Length', 20 * MiB + 7]])('sink + %s: sha256 is that of the bytes streamed', async (_, total) => {
    const body = randomBytes(20 * MiB + 7);
    const got: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, cb) => { got.push(c); cb(); } });
    const r = await readBody(source(body), opts({ sink, total }));
    expect(r).toMatchObject({ data: null, bytes: body.length, truncated: false });
    expect(Buffer.concat(got).equals(body)).toBe(true);
    expect(r.sha256).toBe(sha(body));
    expect(await noWorkersLeft()).toBe(0);
  });

  it('a kept body that grows past the switch is hashed the same', async () => {
    const body = randomBytes(SWITCH + 3 * MiB);
    const r = await readBody(source(body), opts());
    expect(r.data!.equals(body)).toBe(true);
    expect(r.sha256).toBe(sha(body));
    expect(await noWorkersLeft()).toBe(0);
  });

  it('truncating at the cap hashes exactly the kept bytes', async () => {
    const body = randomBytes(16 * MiB);
    const r = await readBody(source(body), opts({ sink: discard(), maxBytes: 10 * MiB + 1, onLimit: 'truncate' }));
    expect(r).toMatchObject({ bytes: 10 * MiB + 1, truncated: true });
    expect(r.sha256).toBe(sha(body.subarray(0, 10 * MiB + 1)));
    expect(await noWorkersLeft()).toBe(0);
  });

  it('cancel mid-body: the error surfaces, the source is destroyed and the worker thread exits', async () => {
    const body = randomBytes(32 * MiB);
    const src = source(body, 14 * MiB);
    const p = readBody(src, opts({ sink: discard(), total: body.length }));
    await expect(p).rejects.toMatchObject({ code: 'ECANCELLED' });
    expect(src.destroyed).toBe(true);
    expect(await noWorkersLeft()).toBe(0);
  });
});
