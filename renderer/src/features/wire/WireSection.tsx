import { useEffect, useMemo, useState } from 'react';
import { Download, Pause, Play, Trash2 } from 'lucide-react';
import { PROTOCOLS, type Protocol } from '../../../../shared/ipc/app';
import { api } from '../../api';
import { filterLines, useWire } from '../../stores/wire';
import { saveText } from '../../lib/download';
import { fileStamp } from '../../lib/time';
import { WireTable } from './WireTable';

/**
 * Live transcript of every connection. Filters live in the wire store, so they survive leaving
 * the section; pause freezes the view while main keeps buffering, and resume catches up.
 */
export function WireSection() {
  const lines = useWire((s) => s.lines);
  const filter = useWire((s) => s.filter);
  const paused = useWire((s) => s.paused);
  const missed = useWire((s) => s.missed);
  const connections = useWire((s) => s.connections);
  const { setFilter, setPaused, clear, loadConnections } = useWire.getState();
  const [exportNote, setExportNote] = useState<string | null>(null);

  useEffect(() => {
    void loadConnections();
  }, [loadConnections]);

  const shown = useMemo(() => filterLines(lines, filter), [lines, filter]);
  const labels = useMemo(() => new Map(connections.map((c) => [c.conn, c.label])), [connections]);

  const onExport = async () => {
    const r = await api.invoke('wire.export', {
      conn: filter.conn || undefined,
      protocol: filter.protocol || undefined,
      text: filter.text.trim() || undefined,
    });
    if (!r.ok) return; // the status bar shows why
    saveText(`porthole-wire-${fileStamp(Date.now())}.txt`, r.value.text);
    setExportNote(`Exported ${r.value.lines.toLocaleString()} lines.`);
  };

  return (
    <div className="wire">
      <div className="toolbar" role="toolbar" aria-label="Wire tools">
        <label className="field">
          <span>Connection</span>
          <select value={filter.conn} onChange={(e) => setFilter({ conn: e.target.value })}>
            <option value="">All connections</option>
            {connections.map((c) => (
              <option key={c.conn} value={c.conn}>
                {c.label}
                {c.closedAt ? ' (closed)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Protocol</span>
          <select value={filter.protocol} onChange={(e) => setFilter({ protocol: e.target.value as Protocol | '' })}>
            <option value="">All</option>
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Filter</span>
          <input type="search" placeholder="Text in line" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} aria-label="Filter text" />
        </label>
        <span className="muted count" aria-live="polite">
          {shown.length === lines.length ? `${lines.length.toLocaleString()} lines` : `${shown.length.toLocaleString()} of ${lines.length.toLocaleString()} lines`}
        </span>
        <button type="button" className="btn" aria-pressed={paused} onClick={() => void setPaused(!paused)}>
          {paused ? <Play size={14} aria-hidden /> : <Pause size={14} aria-hidden />}
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="btn" onClick={() => void onExport()} title="Save the filtered transcript as a .txt file">
          <Download size={14} aria-hidden />
          Export
        </button>
        <button type="button" className="btn" onClick={() => void clear()} title="Clear the transcript (in Porthole, not on the servers)">
          <Trash2 size={14} aria-hidden />
          Clear
        </button>
      </div>
      {paused && (
        <div className="banner banner-info" role="status" data-testid="wire-paused">
          Paused{missed ? ` — ${missed.toLocaleString()} new line${missed === 1 ? '' : 's'} waiting` : ''}. Porthole keeps recording; Resume to catch up.
        </div>
      )}
      {exportNote && (
        <div className="banner banner-info" role="status">
          {exportNote}{' '}
          <button type="button" className="link-btn" onClick={() => setExportNote(null)}>
            OK
          </button>
        </div>
      )}
      <WireTable lines={shown} labels={labels} />
    </div>
  );
}
