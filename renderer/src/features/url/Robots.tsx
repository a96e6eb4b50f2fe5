import { Bot, RefreshCw } from 'lucide-react';
import type { RobotsVerdict } from '../../../../shared/ipc/urlAnatomy';
import { robotsTarget, useUrl } from '../../stores/url';

function Badge({ v }: { v: RobotsVerdict }) {
  return (
    <span className={`badge ${v.allowed ? 'badge-ok' : 'badge-bad'}`} data-testid="robots-badge">
      {v.allowed ? 'Allowed' : 'Disallowed'}
    </span>
  );
}

/** "line 4: Disallow: /private/" — the rule that decided, as written in the file. */
function Rule({ v }: { v: RobotsVerdict }) {
  if (!v.rule) return <span className="muted">{v.reason}</span>;
  return (
    <span className="robots-rule" data-testid="robots-rule">
      <span className="muted">line {v.rule.line}:</span> <code>{v.rule.text}</code>
    </span>
  );
}

function AgentField({ compact }: { compact?: boolean }) {
  const agent = useUrl((s) => s.robots.agent);
  const setRobots = useUrl.getState().setRobots;
  return (
    <label className="field">
      <span>{compact ? 'for' : 'User agent'}</span>
      <input
        type="text"
        className={`mono ${compact ? 'agent-compact' : ''}`}
        aria-label="Robots user agent"
        spellCheck={false}
        placeholder="*"
        value={agent}
        onChange={(e) => setRobots({ agent: e.target.value })}
      />
    </label>
  );
}

/**
 * The robots.txt verdict for the URL being edited, under the anatomy: shown *before* sending, so
 * the user sees whether a crawler may fetch it and which line says so.
 */
export function RobotsStrip() {
  const target = useUrl((s) => robotsTarget(s.anatomy));
  const r = useUrl((s) => s.robots);
  const setUi = useUrl.getState().setUi;
  if (!target) return null;
  return (
    <div className="robots-strip" data-testid="robots-verdict" aria-live="polite" aria-busy={r.loading} data-stale={r.loading || undefined}>
      <Bot size={14} aria-hidden className="muted" />
      <span className="strip-title">robots.txt</span>
      <AgentField compact />
      {r.verdict ? (
        <>
          <Badge v={r.verdict} />
          <Rule v={r.verdict} />
          {r.verdict.crawlDelay !== null && <span className="muted">crawl-delay {r.verdict.crawlDelay} s</span>}
          {r.useDraft && <span className="badge">draft</span>}
        </>
      ) : r.error ? (
        <span className="note-warn">{r.error}</span>
      ) : (
        <span className="muted">checking…</span>
      )}
      <button type="button" className="link-btn" onClick={() => setUi({ responseTab: 'robots' })}>
        details
      </button>
    </div>
  );
}

/** The Robots tab: agent, draft editor, and everything the verdict says (groups, candidates, source). */
export function RobotsPanel() {
  const target = useUrl((s) => robotsTarget(s.anatomy));
  const r = useUrl((s) => s.robots);
  const { setRobots, refreshRobots } = useUrl.getState();
  const v = r.verdict;
  return (
    <div className="robots-panel pad">
      <div className="form-inline">
        <AgentField />
        <label className="radio">
          <input type="checkbox" checked={r.useDraft} onChange={(e) => setRobots({ useDraft: e.target.checked })} />
          Judge a draft robots.txt instead of fetching
        </label>
        <button type="button" className="btn" disabled={!target} onClick={() => void refreshRobots(true)} title="Fetch robots.txt again (skips the 60 s cache)">
          <RefreshCw size={13} aria-hidden /> Refresh
        </button>
      </div>
      {r.useDraft && (
        <textarea className="mono robots-draft" spellCheck={false} aria-label="Draft robots.txt" value={r.draftText} onChange={(e) => setRobots({ draftText: e.target.value })} rows={6} />
      )}
      {!target && <p className="muted">robots.txt applies to absolute http(s) URLs; type one above.</p>}
      {target && r.error && <p className="note-warn">{r.error}</p>}
      {target && v && (
        <dl className="kv robots-kv">
          <dt>Verdict</dt>
          <dd>
            <Badge v={v} /> for <code>{v.agent}</code> on <span className="mono selectable">{v.url}</span>
          </dd>
          <dt>Deciding line</dt>
          <dd>
            <Rule v={v} />
          </dd>
          {v.rule && (
            <>
              <dt>Why</dt>
              <dd>{v.reason}</dd>
            </>
          )}
          <dt>Group</dt>
          <dd>{v.groups.length ? v.groups.map((g) => `line ${g.line}: ${g.agents.join(', ')}`).join(' · ') : 'none matched'}</dd>
          <dt>Crawl-delay</dt>
          <dd>{v.crawlDelay === null ? <span className="muted">not set</span> : `${v.crawlDelay} s`}</dd>
          <dt>Sitemaps</dt>
          <dd>{v.sitemaps.length ? v.sitemaps.map((s) => <div key={s} className="mono selectable">{s}</div>) : <span className="muted">none</span>}</dd>
          {v.source && (
            <>
              <dt>Source</dt>
              <dd>
                {v.source.status === 'draft' ? 'the draft above' : <span className="mono selectable">{v.source.url}</span>}
                {v.source.httpStatus !== null && ` · HTTP ${v.source.httpStatus}`}
                {` · ${v.source.status}`}
                {v.source.redirects.length > 0 && ` · ${v.source.redirects.length} redirect${v.source.redirects.length === 1 ? '' : 's'}`}
                {v.source.truncated && ' · truncated at the parse limit'}
                {v.source.error && <span className="note-warn"> · {v.source.error}</span>}
              </dd>
            </>
          )}
        </dl>
      )}
      {target && v?.candidates && v.candidates.length > 0 && (
        <table className="grid robots-candidates" aria-label="Candidate rules">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Rule</th>
              <th scope="col">Matches this URL</th>
            </tr>
          </thead>
          <tbody>
            {v.candidates.map((c) => (
              <tr key={c.line} className={v.rule?.line === c.line ? 'decisive' : undefined}>
                <td className="num">{c.line}</td>
                <td>
                  <code>{c.text}</code>
                </td>
                <td>{c.matched ? (v.rule?.line === c.line ? 'yes — longest match, decides' : 'yes') : <span className="muted">no</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
