import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireLine } from '../../../shared/ipc/app';
import type { WireSink } from '../../protocols/wire';
import { WireHub } from './wire';

let batches: WireLine[][];
const hub = (capacity: number, extra: Partial<ConstructorParameters<typeof WireHub>[0]> = {}) =>
  new WireHub({ capacity, emit: (l) => void batches.push(l), ...extra });

beforeEach(() => {
  batches = [];
  vi.useFakeTimers();
});
afterEach(() => void vi.useRealTimers());

describe('WireHub', () => {
  it('records lines with seq, time, connection, protocol and direction', () => {
    vi.setSystemTime(1_700_000_000_000);
    const h = hub(100);
    const w = h.open({ protocol: 'ftp', label: 'ftp.example:21' });
    const sink: WireSink = w; // what protocol code gets
    sink.info('connected');
    sink.out('USER bob\r\n');
    sink.in('331 Password required\r\n230 Logged in\r\n');
    const { lines, dropped } = h.snapshot();
    expect(dropped).toBe(0);
    expect(lines.map((l) => [l.seq, l.dir, l.text])).toEqual([
      [1, 'info', 'connected'],
      [2, 'out', 'USER bob'],
      [3, 'in', '331 Password required'],
      [4, 'in', '230 Logged in'],
    ]);
    expect(lines[0]).toMatchObject({ conn: w.conn, protocol: 'ftp', t: 1_700_000_000_000 });
    expect(w.conn).toMatch(/^ftp-\d+$/);
  });

  it('batches new lines into at most one emit per 100 ms', async () => {
    const h = hub(1000);
    const w = h.open({ protocol: 'http', label: 'x' });
    for (let i = 0; i < 30; i++) {
      w.out(`line ${i}`);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    // 300 ms of writes → 3 or 4 batches, every line delivered once, in order
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(batches.flat().map((l) => l.text)).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i}`));
  });

  it('keeps memory bounded: 1e6 lines into a 1000-line ring keep 1000 and report the dropped', async () => {
    const h = hub(1000);
    const w = h.open({ protocol: 'telnet', label: 'flood' });
    for (let i = 0; i < 1_000_000; i++) w.in(`l${i}`);
    const { lines, dropped } = h.snapshot();
    expect(lines).toHaveLength(1000);
    expect(dropped).toBe(999_000);
    expect(lines[0].text).toBe('l999000');
    expect(lines[999].text).toBe('l999999');
    // the live batch is bounded too; seq tells the view where the gap is
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toHaveLength(1);
    expect(batches[0].length).toBeLessThanOrEqual(2000);
    expect(batches[0].at(-1)!.text).toBe('l999999');
  });

  it('truncates long lines with a note and escapes control characters', () => {
    const h = hub(10, { maxLineChars: 20 });
    const w = h.open({ protocol: 'http', label: 'x' });
    w.in('x'.repeat(50));
    w.in('a\x1b[31mb\x00');
    const [long, ctl] = h.snapshot().lines;
    expect(long.text).toBe(`${'x'.repeat(20)} … [line truncated: 50 characters]`);
    expect(ctl.text).toBe('a\\x1B[31mb\\x00');
  });

  it('filters snapshots by connection, protocol and text, newest `limit` lines', () => {
    const h = hub(100);
    const f = h.open({ protocol: 'ftp', label: 'f' });
    const i = h.open({ protocol: 'imap', label: 'i' });
    f.out('LIST');
    i.out('a1 SELECT INBOX');
    f.in('150 Opening');
    i.in('* 3 EXISTS');
    i.in('a1 OK Select done');
    expect(h.snapshot({ conn: f.conn }).lines.map((l) => l.text)).toEqual(['LIST', '150 Opening']);
    expect(h.snapshot({ protocol: 'imap', limit: 2 }).lines.map((l) => l.text)).toEqual(['* 3 EXISTS', 'a1 OK Select done']);
    expect(h.snapshot({ text: 'select' }).lines.map((l) => l.text)).toEqual(['a1 SELECT INBOX', 'a1 OK Select done']);
  });

  it('lists connections with open/closed times; close() notes it once', () => {
    vi.setSystemTime(1000);
    const h = hub(100);
    const w = h.open({ protocol: 'pop3', label: 'pop.example:995' });
    vi.setSystemTime(2000);
    w.close();
    w.close();
    expect(h.connections()).toEqual([{ conn: w.conn, protocol: 'pop3', label: 'pop.example:995', openedAt: 1000, closedAt: 2000 }]);
    expect(h.snapshot().lines.map((l) => l.text)).toEqual(['closed']);
  });

  it('clear() empties lines and forgets closed connections only', () => {
    const h = hub(5);
    const a = h.open({ protocol: 'smtp', label: 'a' });
    const b = h.open({ protocol: 'smtp', label: 'b' });
    for (let i = 0; i < 10; i++) a.out(`x${i}`);
    b.close();
    h.clear();
    expect(h.snapshot()).toEqual({ lines: [], dropped: 0 });
    expect(h.connections().map((c) => c.conn)).toEqual([a.conn]);
    a.out('after');
    expect(h.snapshot().lines[0].seq).toBeGreaterThan(10); // seq never goes back
  });

  it('exports as `time conn proto dir line`', () => {
    vi.setSystemTime(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    const h = hub(100);
    const w = h.open({ protocol: 'http', label: 'x' });
    w.out('GET / HTTP/1.1');
    w.in('HTTP/1.1 200 OK');
    const e = h.exportText({ conn: w.conn });
    expect(e.lines).toBe(2);
    expect(e.text).toBe(
      `2024-01-02T03:04:05.006Z ${w.conn} http out  GET / HTTP/1.1\n` + `2024-01-02T03:04:05.006Z ${w.conn} http in   HTTP/1.1 200 OK\n`,
    );
  });

  it('setCapacity keeps the newest lines', () => {
    const h = hub(10);
    const w = h.open({ protocol: 'http', label: 'x' });
    for (let i = 0; i < 10; i++) w.out(`${i}`);
    h.setCapacity(3);
    expect(h.snapshot().lines.map((l) => l.text)).toEqual(['7', '8', '9']);
    expect(h.dropped).toBe(7);
    h.setCapacity(5);
    w.out('10');
    expect(h.snapshot().lines.map((l) => l.text)).toEqual(['7', '8', '9', '10']);
  });

  it('bounds the connection list, forgetting closed ones first', () => {
    const h = hub(10, { maxConnections: 3 });
    const open1 = h.open({ protocol: 'ftp', label: '1' });
    const c2 = h.open({ protocol: 'ftp', label: '2' });
    c2.close();
    h.open({ protocol: 'ftp', label: '3' });
    h.open({ protocol: 'ftp', label: '4' });
    expect(h.connections().map((c) => c.label)).toEqual(['1', '3', '4']);
    expect(h.connections()[0].conn).toBe(open1.conn);
  });

  it('a throwing listener does not break the writer; dispose stops emitting', async () => {
    const h = new WireHub({
      capacity: 10,
      emit: () => {
        throw new Error('renderer gone');
      },
    });
    const w = h.open({ protocol: 'http', label: 'x' });
    w.out('a');
    await vi.advanceTimersByTimeAsync(100);
    h.dispose();
    w.out('b');
    expect(vi.getTimerCount()).toBe(0);
    expect(h.snapshot().lines).toHaveLength(2);
  });
});
