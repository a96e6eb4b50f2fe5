import { hash as hashOnce } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a streamed body, computed off the receiving thread once the body is large.
 *
 * Receiving (socket, TLS, HTTP/2 framing, parsing, the sink) and hashing used to share one thread:
 * on a 1 GiB download hashing was ~20% of its samples while the thread sat idle ~60% of the time
 * waiting for the next read. A worker hashes while the main thread receives, so the two overlap
 * across cores. A worker costs a thread start (~10–30 ms) and a memcpy per byte, which a small body
 * would never win back, so:
 *
 * - below SWITCH bytes nothing leaves the thread: chunks are only referenced (they are the very
 *   Buffers the sink was given, never reused by Node), and digest() hashes them in one call;
 * - past SWITCH (or at once, when Content-Length says the body will be that large) a Worker is
 *   started and each chunk is copied, while still in cache, into a BATCH-sized slab; a full slab
 *   is transferred (not cloned) to the worker, which hands it back when hashed, so a download
 *   reuses a handful of slabs instead of allocating (and zeroing, and faulting in) a new one per
 *   batch. The copy is needed because the sink may still be holding (queuing) the original chunks;
 * - at most MAX_INFLIGHT bytes wait in the worker: past that update() returns a promise that
 *   settles when the worker catches up, so a slow hash holds the socket, not memory.
 *
 * The worker is an inline script (`eval: true`), so it needs no file of its own: it runs the same
 * under tsx/vitest and from the bundled out/main/*.js. dispose() terminates it (cancel, error).
 */

/** bytes hashed in-thread before a worker is worth starting */
export const SWITCH = 8 * 1024 * 1024;
/** slab size: large enough that a message per slab costs nothing, small enough to overlap */
const BATCH = 1024 * 1024;
/** bytes handed to the worker but not yet hashed before update() asks the caller to wait */
const MAX_INFLIGHT = 8 * 1024 * 1024;

/**
 * The worker: hashes `n` bytes of each transferred slab and sends the slab back; on `null` sends
 * the digest. It never exits by itself (dispose() terminates it), so an 'exit' before the digest
 * is a failure.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const h = createHash('sha256');
parentPort.on('message', (m) => {
  if (m === null) return parentPort.postMessage({ digest: h.digest('hex') });
  h.update(new Uint8Array(m.slab, 0, m.n));
  parentPort.postMessage(m, [m.slab]);
});
`;

type Slab = { slab: ArrayBuffer; n: number };

/** Workers this process has started and not yet seen exit (for tests: no leaked threads). */
let liveWorkers = 0;
export const activeHashWorkers = () => liveWorkers;

export class BodyHasher {
  /** before the worker: the chunks so far, by reference */
  private kept: Buffer[] = [];
  private total = 0;
  private worker: Worker | null = null;
  /** the slab being filled, and how far */
  private fill: Uint8Array | null = null;
  private at = 0;
  /** slabs the worker handed back */
  private free: ArrayBuffer[] = [];
  private inflight = 0;
  private failed: Error | null = null;
  private waiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private onDigest: ((hex: string) => void) | null = null;
  private done = false;

  /** `expected`: Content-Length when known; a body announced as large gets its worker at once */
  constructor(expected: number | null = null) {
    if (expected !== null && expected >= SWITCH) this.start();
  }

  /**
   * Adds a chunk (possibly kept by reference: do not modify it afterwards). Returns a promise only
   * when the worker is MAX_INFLIGHT bytes behind: await it before reading more.
   */
  update(chunk: Buffer): Promise<void> | undefined {
    if (this.failed) throw this.failed;
    this.total += chunk.length;
    if (!this.worker) {
      this.kept.push(chunk);
      if (this.total < SWITCH) return undefined;
      this.start();
    } else this.copy(chunk);
    if (this.inflight <= MAX_INFLIGHT) return undefined;
    return new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** The hex digest of everything given to update(); the worker (if any) is gone afterwards. */
  async digest(): Promise<string> {
    if (this.failed) throw this.failed;
    if (!this.worker) {
      this.done = true;
      const all = this.kept.length === 1 ? this.kept[0] : Buffer.concat(this.kept, this.total);
      this.kept = [];
      return hashOnce('sha256', all, 'hex');
    }
    if (this.at) this.post();
    const w = this.worker;
    const hex = new Promise<string>((resolve) => (this.onDigest = resolve));
    const exited = new Promise<never>((_, reject) => w.once('exit', () => reject(this.failed ?? new Error('the hash worker exited before the digest'))));
    w.postMessage(null);
    try {
      return await Promise.race([hex, exited]);
    } finally {
      this.dispose();
    }
  }

  /** Stops the worker, if any (cancel, error, or after digest). Safe to call more than once. */
  dispose(): void {
    this.done = true;
    this.kept = [];
    this.fill = null;
    this.free = [];
    const w = this.worker;
    this.worker = null;
    // a caller waiting for the worker to catch up must not hang: it is leaving anyway
    this.wake(this.failed ?? new Error('hashing stopped'));
    if (w) void w.terminate();
  }

  private start(): void {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    this.worker = w;
    liveWorkers++;
    w.on('message', (m: Slab | { digest: string }) => {
      if ('digest' in m) return this.onDigest?.(m.digest);
      this.inflight -= m.n;
      if (this.worker) this.free.push(m.slab);
      if (this.inflight <= MAX_INFLIGHT / 2) this.wake();
    });
    w.on('error', (e) => {
      this.failed = e;
      this.wake(e);
    });
    w.once('exit', () => {
      liveWorkers--;
      if (!this.done && !this.failed) this.failed = new Error('the hash worker exited early');
      this.wake(this.failed ?? undefined);
    });
    // not unref'd: while the digest is awaited the worker may be the only thing keeping a CLI
    // process alive (the socket may already be pooled and unref'd); readBody always disposes it
    for (const c of this.kept) this.copy(c);
    this.kept = [];
  }

  /** Copies a chunk into slabs, posting each one that fills up. */
  private copy(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      this.fill ??= new Uint8Array(this.free.pop() ?? new ArrayBuffer(BATCH));
      const n = Math.min(chunk.length - from, BATCH - this.at);
      this.fill.set(from === 0 && n === chunk.length ? chunk : chunk.subarray(from, from + n), this.at);
      this.at += n;
      from += n;
      if (this.at === BATCH) this.post();
    }
  }

  /** Transfers the filled part of the current slab to the worker. */
  private post(): void {
    const slab = this.fill!.buffer as ArrayBuffer;
    const n = this.at;
    this.fill = null;
    this.at = 0;
    this.inflight += n;
    this.worker!.postMessage({ slab, n } satisfies Slab, [slab]);
  }

  private wake(e?: Error): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    if (e) w.reject(e);
    else w.resolve();
  }
}

