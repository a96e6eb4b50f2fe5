import type { Protocol, WireConnection, WireLine } from '../../../shared/ipc/app';
import type { WireSink } from '../../protocols/wire';

/** One connection's handle on the hub: protocol code sees it only as a WireSink. */
export interface WireConn extends WireSink {
  readonly conn: string;
  readonly protocol: Protocol;
}

export interface WireFilter {
  conn?: string;
  protocol?: Protocol;
  /** case-insensitive substring of the line */
  text?: string;
}

export interface WireHubOptions {
  /** lines the ring buffer keeps (settings.wireBufferLines) */
  capacity: number;
  /** receives each batch of new lines (the app sends it as `wire.lines`) */
  emit: (lines: WireLine[]) => void;
  now?: () => number;
  /** a longer line is cut and says so (default 4096 characters) */
  maxLineChars?: number;
  /** batching interval: at most one emit per interval (default 100 ms → ≤ 10/s) */
  batchMs?: number;
  /** most lines per emitted batch; older ones of a burst are left to snapshot (seq shows the gap) */
  maxBatch?: number;
  /** connections remembered for the list; the oldest closed ones are forgotten first */
  maxConnections?: number;
}

type Dir = WireLine['dir'];

/**
 * Collects every connection's transcript in one bounded ring buffer (so a long session cannot grow
 * memory without limit), tells listeners about new lines in batches, and answers filtered
 * snapshots and text exports for the Wire section.
 */
export class WireHub {
  private buf: (WireLine | undefined)[];
  private start = 0;
  private count = 0;
  private droppedLines = 0;
  private seq = 0;
  private connSeq = 0;
  private readonly conns = new Map<string, WireConnection>();
  private pending: WireLine[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly now: () => number;
  private readonly maxLineChars: number;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly maxConnections: number;

  constructor(private readonly opts: WireHubOptions) {
    this.buf = new Array<WireLine | undefined>(Math.max(1, opts.capacity));
    this.now = opts.now ?? Date.now;
    this.maxLineChars = opts.maxLineChars ?? 4096;
    this.batchMs = opts.batchMs ?? 100;
    this.maxBatch = opts.maxBatch ?? 2000;
    this.maxConnections = opts.maxConnections ?? 500;
  }

  get capacity(): number {
    return this.buf.length;
  }

  /** lines evicted from the ring since the last clear */
  get dropped(): number {
    return this.droppedLines;
  }

  /**
   * Starts a connection's transcript.
   * @example const w = hub.open({ protocol: 'ftp', label: 'ftp.example.org:21' }); w.out('USER bob')
   */
  open(o: { protocol: Protocol; label: string }): WireConn {
    const conn = `${o.protocol}-${++this.connSeq}`;
    this.conns.set(conn, { conn, protocol: o.protocol, label: o.label.slice(0, 256), openedAt: this.now() });
    this.forgetOldConnections();
    let closed = false;
    const push = (dir: Dir, text: string) => this.push(conn, o.protocol, dir, text);
    return {
      conn,
      protocol: o.protocol,
      out: (t) => push('out', t),
      in: (t) => push('in', t),
      info: (t) => push('info', t),
      close: () => {
        if (closed) return;
        closed = true;
        push('info', 'closed');
        const c = this.conns.get(conn);
        if (c) c.closedAt = this.now();
      },
    };
  }

  /** resizes the ring (settings changed), keeping the newest lines */
  setCapacity(capacity: number): void {
    const lines = this.ordered();
    const cap = Math.max(1, capacity);
    const keep = lines.slice(Math.max(0, lines.length - cap));
    this.droppedLines += lines.length - keep.length;
    this.buf = new Array<WireLine | undefined>(cap);
    keep.forEach((l, i) => (this.buf[i] = l));
    this.start = 0;
    this.count = keep.length;
  }

  /** the newest `limit` lines matching the filter, oldest first */
  snapshot(f: WireFilter & { limit?: number } = {}): { lines: WireLine[]; dropped: number } {
    const limit = Math.max(0, f.limit ?? this.count);
    const match = matcher(f);
    const out: WireLine[] = [];
    for (let i = this.count - 1; i >= 0 && out.length < limit; i--) {
      const l = this.buf[(this.start + i) % this.buf.length]!;
      if (match(l)) out.push(l);
    }
    return { lines: out.reverse(), dropped: this.droppedLines };
  }

  connections(): WireConnection[] {
    return [...this.conns.values()].map((c) => ({ ...c }));
  }

  /** empties the transcript; open connections stay listed, closed ones are forgotten */
  clear(): void {
    this.buf = new Array<WireLine | undefined>(this.buf.length);
    this.start = 0;
    this.count = 0;
    this.droppedLines = 0;
    this.pending = [];
    for (const [id, c] of this.conns) if (c.closedAt !== undefined) this.conns.delete(id);
  }

  /** the filtered transcript as text: `time conn proto dir line`, one line each */
  exportText(f: WireFilter = {}): { text: string; lines: number } {
    const { lines } = this.snapshot(f);
    const text = lines
      .map((l) => `${new Date(l.t).toISOString()} ${l.conn} ${l.protocol} ${l.dir.padEnd(4)} ${l.text}\n`)
      .join('');
    return { text, lines: lines.length };
  }

  /** stops the batching timer; later lines are still kept but no longer emitted */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }

  private push(conn: string, protocol: Protocol, dir: Dir, text: string): void {
    const t = this.now();
    const parts = text.split(/\r?\n/);
    // "USER bob\r\n" is one line, not a line and an empty one
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    for (const part of parts) this.add({ seq: ++this.seq, t, conn, protocol, dir, text: this.clean(part) });
  }

  private add(line: WireLine): void {
    const cap = this.buf.length;
    if (this.count < cap) {
      this.buf[(this.start + this.count) % cap] = line;
      this.count++;
    } else {
      this.buf[this.start] = line;
      this.start = (this.start + 1) % cap;
      this.droppedLines++;
    }
    if (this.disposed) return;
    this.pending.push(line);
    // amortised trim: a burst keeps only the newest maxBatch lines for the live view
    if (this.pending.length >= 2 * this.maxBatch) this.pending = this.pending.slice(-this.maxBatch);
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.pending.length > this.maxBatch ? this.pending.slice(-this.maxBatch) : this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.opts.emit(batch);
    } catch {
      // a listener's failure must not break the protocol session that wrote the line
    }
  }

  /** control characters shown as \xNN (a raw ESC would confuse the view), long lines cut */
  private clean(s: string): string {
    let t = s.length > this.maxLineChars ? s.slice(0, this.maxLineChars) : s;
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    t = t.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return s.length > this.maxLineChars ? `${t} … [line truncated: ${s.length} characters]` : t;
  }

  private ordered(): WireLine[] {
    const out: WireLine[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.buf[(this.start + i) % this.buf.length]!);
    return out;
  }

  private forgetOldConnections(): void {
    if (this.conns.size <= this.maxConnections) return;
    for (const [id, c] of this.conns) {
      if (this.conns.size <= this.maxConnections) return;
      if (c.closedAt !== undefined) this.conns.delete(id);
    }
    // still too many: connections that were never closed (a leak elsewhere) go oldest first
    for (const id of this.conns.keys()) {
      if (this.conns.size <= this.maxConnections) return;
      this.conns.delete(id);
    }
  }
}

function matcher(f: WireFilter): (l: WireLine) => boolean {
  const needle = f.text ? f.text.toLowerCase() : '';
  return (l) =>
    (!f.conn || l.conn === f.conn) &&
    (!f.protocol || l.protocol === f.protocol) &&
    (!needle || l.text.toLowerCase().includes(needle));
}
