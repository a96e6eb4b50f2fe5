import { useEffect, useState } from 'react';
import { formatBytes, formatDuration } from '../../../../shared/format';
import { useUrl, type ResponseTab, type SendState } from '../../stores/url';
import { useUrlLists } from '../../stores/urlLists';
import { shortcutLabel } from '../../lib/keys';
import { BodyView } from './BodyView';
import { CookiesView } from './CookiesView';
import { ErrorView } from './ErrorView';
import { HeadersTable, HopsView } from './HopsView';
import { RobotsPanel } from './Robots';
import { Tabs } from './Tabs';
import { HopWaterfall, httpVersion, statusClass } from './TimingBar';
import { TlsView } from './TlsView';

/** Re-renders every `ms` while `on`, for a running clock. */
function useTicker(on: boolean, ms = 200) {
  const [, setN] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setN((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [on, ms]);
}

function Progress({ s }: { s: SendState }) {
  useTicker(true);
  const elapsed = s.startedAt ? Date.now() - s.startedAt : 0;
  return (
    <div className="status-line" data-testid="send-progress">
      <span className="spinner" aria-hidden />
      <span>
        Sending <span className="mono">{s.label}</span>
      </span>
      {s.total ? <progress className="send-progress" max={s.total} value={s.done} aria-label="Body received" /> : null}
      <span className="muted num">
        {s.done > 0 ? `${formatBytes(s.done)}${s.total ? ` of ${formatBytes(s.total)}` : ''} · ` : ''}
        {formatDuration(elapsed)}
      </span>
    </div>
  );
}

/** The status line of a finished send: status by class colour, version, time, sizes. */
function StatusLine({ s }: { s: SendState }) {
  const r = s.result!;
  const last = r.hops.at(-1);
  const total = r.hops.reduce((t, h) => t + h.timing.total, 0) || (s.endedAt && s.startedAt ? s.endedAt - s.startedAt : 0);
  return (
    <div className="status-line" data-testid="status-line">
      <span className={`status-badge ${statusClass(r.status)}`} data-testid="response-status">
        {/* HTTP/2 has no reason phrase */}
        {`${r.status} ${last?.reason ?? ''}`.trim()}
      </span>
      {last && <span className="muted mono">{httpVersion(last.httpVersion)}</span>}
      <span title="Total time over all hops">
        <span className="muted">Time</span> <span className="num">{formatDuration(total)}</span>
      </span>
      <span title="Body bytes as transferred (after de-chunking, before content decoding) / decoded">
        <span className="muted">Size</span> <span className="num">{formatBytes(r.body.wireBytes)}</span>
        {r.body.bytes !== r.body.wireBytes && <span className="num"> → {formatBytes(r.body.bytes)} decoded</span>}
      </span>
      <span>
        <span className="muted">Hops</span> <span className="num">{r.hops.length}</span>
      </span>
      {r.robots && !r.robots.allowed && <span className="badge badge-bad">robots.txt disallows this URL</span>}
      <span className="spacer" />
      <span className="muted mono ellipsis status-url" title={last?.url}>
        {last?.url}
      </span>
    </div>
  );
}

function Summary({ s }: { s: SendState }) {
  if (s.phase === 'idle')
    return (
      <p className="muted response-empty">
        Send the request ({shortcutLabel('Enter')}) to see the status, every redirect hop with its timing, headers, body and certificate.
      </p>
    );
  if (s.phase === 'starting' || s.phase === 'running') return <Progress s={s} />;
  if (s.phase === 'cancelled')
    return (
      <div className="status-line">
        <span className="status-badge s4">Cancelled</span>
        <span className="mono muted">{s.label}</span>
      </div>
    );
  if (s.phase === 'failed' && s.error) return <ErrorView error={s.error} failure={s.failure} />;
  return s.result ? <StatusLine s={s} /> : null;
}

/** Below the editor: the summary, the hop waterfall, then the tabs (body, headers, hops, TLS, cookies, robots). */
export function ResponsePanel() {
  const s = useUrl((st) => st.send);
  const tab = useUrl((st) => st.ui.responseTab);
  const nCookies = useUrlLists((st) => st.cookies.length);
  const robots = useUrl((st) => st.robots.verdict);
  const setUi = useUrl.getState().setUi;
  const r = s.result;
  const hops = r?.hops ?? s.failure?.hops ?? [];

  return (
    <section className="response" aria-label="Response" data-testid="response">
      <Summary s={s} />
      {hops.length > 0 && <HopWaterfall hops={hops} />}
      <Tabs<ResponseTab>
        label="Response parts"
        className="response-tabs"
        value={tab}
        onChange={(responseTab) => setUi({ responseTab })}
        tabs={[
          { id: 'body', label: 'Body' },
          { id: 'headers', label: 'Headers', badge: r ? r.headers.length : undefined },
          { id: 'hops', label: 'Redirects & timing', badge: hops.length || undefined },
          { id: 'tls', label: 'TLS', badge: r?.tls ? r.tls.protocol ?? 'on' : undefined },
          { id: 'cookies', label: 'Cookies', badge: nCookies || undefined },
          { id: 'robots', label: 'Robots', badge: robots ? (robots.allowed ? 'allowed' : 'disallowed') : undefined },
        ]}
      >
        {tab === 'body' && (r ? <BodyView r={r} /> : <p className="muted pad">No response yet.</p>)}
        {tab === 'headers' && (r ? <div className="pad"><HeadersTable headers={r.headers} label="Response headers" /></div> : <p className="muted pad">No response yet.</p>)}
        {tab === 'hops' && <HopsView hops={hops} />}
        {tab === 'tls' && (r ? <TlsView tls={r.tls} /> : s.failure?.chain ? <p className="muted pad">The handshake failed; the chain is shown above.</p> : <p className="muted pad">No response yet.</p>)}
        {tab === 'cookies' && <CookiesView />}
        {tab === 'robots' && <RobotsPanel />}
      </Tabs>
    </section>
  );
}
