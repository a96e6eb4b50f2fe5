import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';

export interface KeptBody {
  data: Buffer;
  contentType: string | null;
  filename: string;
}

interface Entry extends KeptBody {
  caller: string;
}

export interface ResponseStoreOptions {
  /** responses kept per caller (the newest) */
  perCaller?: number;
  /** bytes kept in all, across callers (the oldest go first) */
  maxBytes?: number;
}

export const DEFAULT_KEPT_PER_CALLER = 20;
export const DEFAULT_KEPT_BYTES = 256 * 1024 * 1024;

/**
 * The last responses' bodies, for "save body as…" after the job result (which carries only a
 * preview) has been shown. Bounded by count per caller and by bytes overall, so a window that
 * downloads many large files cannot grow main's memory; an evicted id answers ENOTFOUND.
 */
export class ResponseStore {
  /** insertion order = age, for eviction */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly perCaller: number;
  private readonly maxBytes: number;

  constructor(opts: ResponseStoreOptions = {}) {
    this.perCaller = opts.perCaller ?? DEFAULT_KEPT_PER_CALLER;
    this.maxBytes = opts.maxBytes ?? DEFAULT_KEPT_BYTES;
  }

  /** keeps a body and answers its id (a body larger than the whole budget gets an id but is not kept) */
  put(caller: string, body: KeptBody): string {
    const id = `resp-${randomUUID()}`;
    if (body.data.length > this.maxBytes) return id;
    this.entries.set(id, { ...body, caller });
    this.bytes += body.data.length;
    const mine = [...this.entries].filter(([, e]) => e.caller === caller);
    for (const [old] of mine.slice(0, Math.max(0, mine.length - this.perCaller))) this.drop(old);
    for (const old of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(old);
    }
    return id;
  }

  /** the caller's own kept body; ENOTFOUND for evicted, unknown or another caller's ids */
  get(caller: string, id: string): KeptBody {
    const e = this.entries.get(id);
    if (!e || e.caller !== caller) {
      throw new AppError(
        'ENOTFOUND',
        `This response body is no longer kept (only the last ${this.perCaller} responses of a window, ` +
          `up to ${Math.round(this.maxBytes / 1024 / 1024)} MiB in all, are kept): send the request again`,
      );
    }
    return { data: e.data, contentType: e.contentType, filename: e.filename };
  }

  get size(): { count: number; bytes: number } {
    return { count: this.entries.size, bytes: this.bytes };
  }

  private drop(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.bytes -= e.data.length;
  }
}
