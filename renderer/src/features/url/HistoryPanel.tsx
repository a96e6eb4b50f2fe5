import { useEffect, useRef, type KeyboardEvent } from 'react';
import { RotateCw, Trash2 } from 'lucide-react';
import { formatDuration } from '../../../../shared/format';
import { api } from '../../api';
import { useUrl } from '../../stores/url';
import { useUrlLists } from '../../stores/urlLists';
import { clockMs, dateTime } from '../../lib/time';
import { statusClass } from './TimingBar';
import { RemoveButton } from '../../components/RemoveButton';

/** Loads a history entry into the editor (secrets restored by main); optionally sends it again. */
export async function loadFromHistory(id: string, send: boolean): Promise<void> {
  const r = await api.invoke('url.history.get', { id });
  if (!r.ok) return;
  const notes = [
    r.value.secretsMissing && 'A saved secret could not be restored: re-enter it (shown as ****).',
    r.value.bodyOmitted && 'The body was too large to keep in history: it is empty now.',
  ].filter(Boolean);
  useUrl.getState().loadRequest(r.value.request, notes.length ? notes.join(' ') : null);
  // a request with a missing secret would be sent with `****`: let the user fix it first
  if (send && !r.value.secretsMissing) await useUrl.getState().sendNow();
}

const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

/** Sent requests, newest first, searchable; click loads, ↻ re-sends, × deletes. */
export function HistoryPanel() {
  const items = useUrlLists((s) => s.history);
  const query = useUrlLists((s) => s.historyQuery);
  const { setHistoryQuery, loadHistory, deleteHistory, clearHistory } = useUrlLists.getState();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  // arrow keys move between entries, like any list in a desktop app
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const btns = [...(list.current?.querySelectorAll<HTMLElement>('.history-load') ?? [])];
    const i = btns.indexOf(document.activeElement as HTMLElement);
    const next = btns[Math.max(0, Math.min(btns.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  const now = Date.now();
  return (
    <aside className="history" aria-label="History" data-testid="url-history">
      <div className="history-head">
        <input type="search" placeholder="Search history" aria-label="Search history" value={query} onChange={(e) => setHistoryQuery(e.target.value)} />
        <button type="button" className="icon-btn" aria-label="Clear history" title="Clear history" disabled={!items.length} onClick={() => void clearHistory()}>
          <Trash2 size={14} aria-hidden />
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted history-empty">{query ? 'Nothing matches.' : 'Requests you send are listed here.'}</p>
      ) : (
        <ul className="history-list" ref={list} onKeyDown={onKey}>
          {items.map((h) => (
            <li key={h.id} className="history-item" data-testid="history-item">
              <button type="button" className="history-load" title={`${h.method} ${h.url}\n${dateTime(h.time)} · ${formatDuration(h.durationMs)}`} onClick={() => void loadFromHistory(h.id, false)}>
                <span className="history-line1">
                  <span className={`hist-method method-${h.method.toLowerCase()}`}>{h.method}</span>
                  {h.status !== null ? <span className={`hist-status ${statusClass(h.status)}`}>{h.status}</span> : <span className="hist-status s5">{h.error ?? 'failed'}</span>}
                  <span className="muted hist-time">{sameDay(h.time, now) ? clockMs(h.time).slice(0, 8) : dateTime(h.time)}</span>
                </span>
                <span className="history-url mono">{h.url}</span>
              </button>
              <span className="history-actions">
                <button type="button" className="icon-btn" aria-label={`Send again ${h.method} ${h.url}`} title="Send again" onClick={() => void loadFromHistory(h.id, true)}>
                  <RotateCw size={13} aria-hidden />
                </button>
                <RemoveButton label={`Delete ${h.method} ${h.url} from history`} title="Delete" onClick={() => void deleteHistory(h.id)} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
