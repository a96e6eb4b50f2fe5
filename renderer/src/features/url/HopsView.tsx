import type { HeaderPair, Hop } from '../../../../shared/ipc/urlFetch';
import { formatDuration } from '../../../../shared/format';
import { httpVersion, PHASES, statusClass, TimingBar, TimingLegend } from './TimingBar';

/** Headers as received (or as sent): order and repeats kept, names as written. */
export function HeadersTable({ headers, label }: { headers: HeaderPair[]; label: string }) {
  if (!headers.length) return <p className="muted">No headers.</p>;
  return (
    <table className="grid headers-table" aria-label={label}>
      <tbody>
        {headers.map(([n, v], i) => (
          <tr key={i}>
            <th scope="row" className="mono">
              {n}
            </th>
            <td className="mono selectable">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function remote(h: Hop): string {
  if (!h.remoteAddress) return '—';
  const a = h.remoteAddress.includes(':') ? `[${h.remoteAddress}]` : h.remoteAddress;
  return h.remotePort ? `${a}:${h.remotePort}` : a;
}

function HopDetails({ h, n, open }: { h: Hop; n: number; open: boolean }) {
  return (
    <details className="hop" open={open} data-testid="hop">
      <summary>
        <span className="hop-n">{n}</span>
        <span className="hop-method mono">{h.method}</span>
        <span className="mono hop-url-full selectable">{h.url}</span>
        <span className={`hop-status mono ${statusClass(h.status)}`}>
          {`${h.status} ${h.reason}`.trim()}
        </span>
        <span className="muted mono">{httpVersion(h.httpVersion)}</span>
        <span className="muted mono">{remote(h)}</span>
        {h.reused && <span className="badge">reused connection</span>}
        <span className="hop-total num">{formatDuration(h.timing.total)}</span>
      </summary>
      <div className="hop-body">
        <div className="hop-timing">
          <TimingBar timing={h.timing} scale={h.timing.total} />
          <dl className="timing-numbers">
            {PHASES.map(([k, name]) => (
              <div key={k}>
                <dt>
                  <span className={`swatch phase-${k}`} aria-hidden />
                  {name}
                </dt>
                <dd className="num">{h.timing[k] === null ? <span className="muted">—</span> : formatDuration(h.timing[k])}</dd>
              </div>
            ))}
            <div>
              <dt>Total</dt>
              <dd className="num">{formatDuration(h.timing.total)}</dd>
            </div>
          </dl>
        </div>
        <div className="hop-headers">
          <div>
            <h4 className="sub-heading">Request headers as sent</h4>
            <HeadersTable headers={h.requestHeaders} label={`Hop ${n} request headers`} />
          </div>
          <div>
            <h4 className="sub-heading">Response headers</h4>
            <HeadersTable headers={h.headers} label={`Hop ${n} response headers`} />
          </div>
        </div>
      </div>
    </details>
  );
}

/** Redirects & timing: every hop, expandable to its timing breakdown and both header sets. */
export function HopsView({ hops }: { hops: Hop[] }) {
  if (!hops.length) return <p className="muted pad">No hop completed.</p>;
  return (
    <div className="hops pad" data-testid="hops">
      <div className="hops-head">
        <span>
          {hops.length} hop{hops.length === 1 ? '' : 's'}
          {hops.length > 1 ? ` · ${hops.length - 1} redirect${hops.length === 2 ? '' : 's'} followed` : ''}
        </span>
        <TimingLegend />
      </div>
      {hops.map((h, i) => (
        // the last hop opens by itself: it is the response, the others are how we got there
        <HopDetails key={i} h={h} n={i + 1} open={i === hops.length - 1} />
      ))}
    </div>
  );
}
