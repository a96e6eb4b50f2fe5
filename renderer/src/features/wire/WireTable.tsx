import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { WireLine } from '../../../../shared/ipc/app';
import { clockMs } from '../../lib/time';

/** Fixed row height makes windowing a division; keep in sync with .wire-table tbody tr in CSS. */
export const ROW_HEIGHT = 20;
const OVERSCAN = 10;
/** jsdom (and a not-yet-laid-out pane) report 0; assume a typical pane height meanwhile */
const FALLBACK_HEIGHT = 600;

const DIR = {
  out: { arrow: '↑', label: 'sent' },
  in: { arrow: '↓', label: 'received' },
  info: { arrow: '·', label: 'note' },
} as const;

interface Props {
  lines: WireLine[];
  /** conn id → readable label */
  labels: Map<string, string>;
}

/**
 * The transcript, windowed: only the rows in view (plus a margin) are in the DOM, with spacer rows
 * standing in for the rest, so 20k+ lines scroll smoothly. While the user is at the bottom it
 * follows new lines; scrolling up stops following until they scroll back down.
 */
export function WireTable({ lines, labels }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [follow, setFollow] = useState(true);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || FALLBACK_HEIGHT));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // following: keep the newest line in view after each update
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2);
  };

  const n = lines.length;
  const visible = Math.ceil(height / ROW_HEIGHT);
  // when following, window from the end: independent of layout, so it is right on the first paint
  const start = follow ? Math.max(0, n - visible - OVERSCAN) : Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = follow ? n : Math.min(n, start + visible + 2 * OVERSCAN);

  return (
    <div className="wire-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} aria-label="Wire transcript">
      <table className="wire-table" aria-rowcount={n + 1}>
        <colgroup>
          <col className="c-time" />
          <col className="c-conn" />
          <col className="c-proto" />
          <col className="c-dir" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Connection</th>
            <th scope="col">Protocol</th>
            <th scope="col">
              <span className="sr-only">Direction</span>
            </th>
            <th scope="col">Line</th>
          </tr>
        </thead>
        <tbody>
          {start > 0 && <tr className="spacer" style={{ height: start * ROW_HEIGHT }} aria-hidden />}
          {lines.slice(start, end).map((l, i) => {
            const d = DIR[l.dir];
            return (
              <tr key={l.seq} className={`dir-${l.dir}${(start + i) % 2 ? ' alt' : ''}`} aria-rowindex={start + i + 2} data-testid="wire-row">
                <td className="mono muted">{clockMs(l.t)}</td>
                <td className="ellipsis" title={l.conn}>
                  {labels.get(l.conn) ?? l.conn}
                </td>
                <td className="mono">{l.protocol}</td>
                <td className="dir" title={d.label} aria-label={d.label}>
                  {d.arrow}
                </td>
                <td className="mono line">{l.text}</td>
              </tr>
            );
          })}
          {end < n && <tr className="spacer" style={{ height: (n - end) * ROW_HEIGHT }} aria-hidden />}
        </tbody>
      </table>
      {n === 0 && <p className="empty muted">No lines. Connections you open (a URL fetch, a mailbox, an FTP site) appear here as they talk.</p>}
    </div>
  );
}
