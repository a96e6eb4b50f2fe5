import { create } from 'zustand';
import type { Protocol, WireConnection, WireLine } from '../../../shared/ipc/app';
import { api } from '../api';

/**
 * Main keeps the authoritative ring buffer; the renderer keeps at most this many lines so a long
 * session cannot grow the page's memory either (20k lines must stay smooth; 50k is the headroom).
 */
export const CLIENT_MAX_LINES = 50_000;

export interface WireFilter {
  /** '' = all connections */
  conn: string;
  /** '' = all protocols */
  protocol: Protocol | '';
  text: string;
}

interface WireState {
  lines: WireLine[];
  /** highest seq seen, so a snapshot and the live stream never show a line twice */
  lastSeq: number;
  paused: boolean;
  /** lines that arrived while paused (main buffered them; resume fetches them) */
  missed: number;
  filter: WireFilter;
  connections: WireConnection[];
  append(lines: WireLine[]): void;
  replace(lines: WireLine[]): void;
  setPaused(paused: boolean): Promise<void>;
  setFilter(f: Partial<WireFilter>): void;
  clear(): Promise<void>;
  loadConnections(): Promise<void>;
  catchUp(): Promise<void>;
}

const bound = (lines: WireLine[]) => (lines.length > CLIENT_MAX_LINES ? lines.slice(lines.length - CLIENT_MAX_LINES) : lines);

export const useWire = create<WireState>()((set, get) => ({
  lines: [],
  lastSeq: -1,
  paused: false,
  missed: 0,
  filter: { conn: '', protocol: '', text: '' },
  connections: [],
  append(incoming) {
    const s = get();
    // paused: the view stays frozen; main's buffer keeps the lines and resume fetches them
    if (s.paused) {
      set({ missed: s.missed + incoming.length });
      return;
    }
    const fresh = incoming.filter((l) => l.seq > s.lastSeq);
    if (!fresh.length) return;
    const known = new Set(s.connections.map((c) => c.conn));
    const unknownConn = fresh.some((l) => !known.has(l.conn));
    set({ lines: bound(s.lines.concat(fresh)), lastSeq: fresh[fresh.length - 1].seq });
    if (unknownConn) void get().loadConnections();
  },
  replace(lines) {
    set({ lines: bound(lines), lastSeq: lines.length ? lines[lines.length - 1].seq : get().lastSeq, missed: 0 });
  },
  async setPaused(paused) {
    if (paused === get().paused) return;
    set({ paused });
    if (!paused) await get().catchUp();
  },
  setFilter: (f) => set({ filter: { ...get().filter, ...f } }),
  async clear() {
    const r = await api.invoke('wire.clear', {});
    if (r.ok) set({ lines: [], missed: 0 });
  },
  async loadConnections() {
    const r = await api.invoke('wire.connections', {});
    if (r.ok) set({ connections: r.value });
  },
  async catchUp() {
    const r = await api.invoke('wire.snapshot', { limit: CLIENT_MAX_LINES });
    // lines that arrived in the meantime are newer than the snapshot's; keep them
    if (r.ok && !get().paused) {
      const snap = r.value.lines;
      const lastSnap = snap.length ? snap[snap.length - 1].seq : -1;
      const newer = get().lines.filter((l) => l.seq > lastSnap);
      get().replace(snap.concat(newer));
      void get().loadConnections();
    }
  },
}));

/** The client-side filter: connection, protocol and case-insensitive text. */
export function filterLines(lines: WireLine[], f: WireFilter): WireLine[] {
  const text = f.text.trim().toLowerCase();
  if (!f.conn && !f.protocol && !text) return lines;
  return lines.filter(
    (l) =>
      (!f.conn || l.conn === f.conn) &&
      (!f.protocol || l.protocol === f.protocol) &&
      (!text || l.text.toLowerCase().includes(text)),
  );
}
