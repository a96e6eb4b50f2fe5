// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { ok } from '../../../../shared/errors';
import type { WireLine } from '../../../../shared/ipc/app';
import { fakeBridge } from '../../testing/fakeBridge';
import { settle, useRendererTestEnv } from '../../testing/harness';
import { CLIENT_MAX_LINES, useWire } from '../../stores/wire';

const env = useRendererTestEnv();

let seq = 0;
const line = (over: Partial<WireLine>): WireLine => ({ seq: seq++, t: Date.now(), conn: 'c1', protocol: 'http', dir: 'out', text: 'GET / HTTP/1.1', ...over });

const connections = [
  { conn: 'c1', protocol: 'http' as const, label: 'http://127.0.0.1:8080', openedAt: 1 },
  { conn: 'c2', protocol: 'smtp' as const, label: 'smtp 127.0.0.1:587', openedAt: 2 },
];

const rows = () => screen.queryAllByTestId('wire-row');
const rowTexts = () => rows().map((r) => r.lastElementChild!.textContent);

async function openWire(b: ReturnType<typeof fakeBridge>) {
  await env.renderApp(b);
  fireEvent.click(screen.getByRole('button', { name: 'Wire' }));
  await settle();
}

beforeEach(() => {
  seq = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('wire section', () => {
  it('shows live lines with direction, connection label and protocol', async () => {
    const b = fakeBridge({ 'wire.connections': () => ok(connections) });
    await openWire(b);
    act(() =>
      b.emit('wire.lines', {
        lines: [line({}), line({ dir: 'in', text: 'HTTP/1.1 200 OK' }), line({ dir: 'info', text: 'connected' })],
      }),
    );
    expect(rows()).toHaveLength(3);
    const [out, inn, info] = rows();
    expect(within(out).getByLabelText('sent').textContent).toBe('↑');
    expect(within(inn).getByLabelText('received').textContent).toBe('↓');
    expect(within(info).getByLabelText('note').textContent).toBe('·');
    expect(out.textContent).toContain('http://127.0.0.1:8080');
  });

  it('filters by connection, protocol and text', async () => {
    const b = fakeBridge({ 'wire.connections': () => ok(connections) });
    await openWire(b);
    act(() =>
      b.emit('wire.lines', {
        lines: [
          line({ text: 'GET /a HTTP/1.1' }),
          line({ conn: 'c2', protocol: 'smtp', text: 'EHLO porthole' }),
          line({ conn: 'c2', protocol: 'smtp', dir: 'in', text: '250 OK' }),
        ],
      }),
    );
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: 'ehlo' } });
    expect(rowTexts()).toEqual(['EHLO porthole']);
    fireEvent.change(screen.getByLabelText('Filter text'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'smtp' } });
    expect(rowTexts()).toEqual(['EHLO porthole', '250 OK']);
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Connection'), { target: { value: 'c1' } });
    expect(rowTexts()).toEqual(['GET /a HTTP/1.1']);
    expect(screen.getByText('1 of 3 lines')).toBeTruthy();
  });

  it('pause freezes the view; resume catches up from main', async () => {
    const caught = [line({ text: 'one' }), line({ text: 'two' }), line({ text: 'three' })];
    let snapshot: WireLine[] = [];
    const b = fakeBridge({ 'wire.snapshot': () => ok({ lines: snapshot, dropped: 0 }) });
    await openWire(b);
    act(() => b.emit('wire.lines', { lines: [caught[0]] }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => b.emit('wire.lines', { lines: caught.slice(1) }));
    expect(rowTexts()).toEqual(['one']);
    expect(screen.getByTestId('wire-paused').textContent).toContain('2 new lines waiting');
    snapshot = caught;
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await settle();
    expect(rowTexts()).toEqual(['one', 'two', 'three']);
    expect(b.callsTo('wire.snapshot').at(-1)).toEqual({ limit: CLIENT_MAX_LINES });
    expect(screen.queryByTestId('wire-paused')).toBeNull();
    // the live stream after a snapshot does not repeat lines
    act(() => b.emit('wire.lines', { lines: [caught[2], line({ text: 'four' })] }));
    expect(rowTexts()).toEqual(['one', 'two', 'three', 'four']);
  });

  it('exports the filtered transcript as a .txt download', async () => {
    const b = fakeBridge({ 'wire.export': () => ok({ text: 'a\nb\n', lines: 2 }) });
    await openWire(b);
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:fake';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    let downloaded = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download;
    });
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'ftp' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await settle();
    expect(b.callsTo('wire.export')).toEqual([{ conn: undefined, protocol: 'ftp', text: undefined }]);
    expect(downloaded).toMatch(/^porthole-wire-\d{8}-\d{6}\.txt$/);
    expect(await created[0].text()).toBe('a\nb\n');
    expect(screen.getByText(/Exported 2 lines/)).toBeTruthy();
  });

  it('clear empties the view and asks main to clear', async () => {
    const b = fakeBridge();
    await openWire(b);
    act(() => b.emit('wire.lines', { lines: [line({})] }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await settle();
    expect(rows()).toHaveLength(0);
    expect(b.callsTo('wire.clear')).toHaveLength(1);
  });

  it('renders only a window of rows for 20k lines, and keeps the client buffer bounded', async () => {
    const b = fakeBridge();
    await openWire(b);
    const many = Array.from({ length: 20_000 }, (_, i) => line({ text: `line ${i}` }));
    act(() => b.emit('wire.lines', { lines: many }));
    expect(screen.getByText('20,000 lines')).toBeTruthy();
    expect(rows().length).toBeLessThan(100);
    expect(rowTexts().at(-1)).toBe('line 19999'); // follows the tail
    act(() => b.emit('wire.lines', { lines: Array.from({ length: CLIENT_MAX_LINES }, () => line({})) }));
    expect(useWire.getState().lines).toHaveLength(CLIENT_MAX_LINES);
  });
});
