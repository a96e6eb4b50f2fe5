import type { Hop, HopTiming } from '../../../../shared/ipc/urlFetch';
import { formatDuration } from '../../../../shared/format';

export const PHASES = [
  ['dns', 'DNS'],
  ['connect', 'Connect'],
  ['tls', 'TLS'],
  ['ttfb', 'Waiting (TTFB)'],
  ['download', 'Download'],
] as const satisfies readonly (readonly [keyof HopTiming, string])[];

export type Phase = (typeof PHASES)[number][0];

/** A segment narrower than this share of the bar carries no text label (its tooltip still does). */
const LABEL_MIN_SHARE = 0.09;

interface TimingBarProps {
  timing: HopTiming;
  /** ms the whole bar width stands for (the hop's own total, or the chain's for a waterfall) */
  scale: number;
  /** ms before this hop starts (waterfall) */
  offset?: number;
  labels?: boolean;
}

/**
 * One hop's phases as coloured segments (DNS, connect, TLS, TTFB, download), placed on a shared
 * time scale. Phases that did not happen (reused connection, plain http) are null and take no room.
 */
export function TimingBar({ timing, scale, offset = 0, labels = true }: TimingBarProps) {
  const s = scale > 0 ? scale : 1;
  const segs = PHASES.map(([k, name]) => ({ k, name, ms: timing[k] })).filter((p): p is { k: Phase; name: (typeof PHASES)[number][1]; ms: number } => p.ms !== null && p.ms >= 0);
  return (
    <div className="timing-bar" role="img" aria-label={segs.map((p) => `${p.name} ${formatDuration(p.ms)}`).join(', ') || 'no timing'} data-testid="timing-bar">
      {offset > 0 && <span className="timing-gap" style={{ width: `${(offset / s) * 100}%` }} />}
      {segs.map((p) => {
        const share = p.ms / s;
        return (
          <span
            key={p.k}
            className={`timing-seg phase-${p.k}`}
            data-testid="timing-seg"
            data-phase={p.k}
            title={`${p.name}: ${formatDuration(p.ms)}`}
            style={{ width: `${share * 100}%` }}
          >
            {labels && share >= LABEL_MIN_SHARE ? formatDuration(p.ms) : ''}
          </span>
        );
      })}
    </div>
  );
}

export function TimingLegend() {
  return (
    <ul className="timing-legend" aria-label="Timing legend">
      {PHASES.map(([k, name]) => (
        <li key={k}>
          <span className={`swatch phase-${k}`} aria-hidden />
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Path and query of a hop URL, or the whole URL when another origin (the interesting case). */
export function shortUrl(url: string, prevOrigin: string | null): string {
  try {
    const u = new URL(url);
    return u.origin === prevOrigin ? u.pathname + u.search : url;
  } catch {
    return url;
  }
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** `1.1` or `HTTP/1.1` (engines differ) → `HTTP/1.1`. */
export const httpVersion = (v: string): string => (/^HTTP\//i.test(v) ? v : `HTTP/${v}`);

export const statusClass = (s: number): string => (s >= 500 ? 's5' : s >= 400 ? 's4' : s >= 300 ? 's3' : s >= 200 ? 's2' : 's1');

/** Every hop on one time axis: a redirect chain reads as a waterfall, left to right. */
export function HopWaterfall({ hops }: { hops: Hop[] }) {
  const scale = hops.reduce((t, h) => t + h.timing.total, 0);
  let offset = 0;
  let prevOrigin: string | null = null;
  return (
    <div className="waterfall" data-testid="waterfall">
      <ol className="waterfall-rows">
        {hops.map((h, i) => {
          const row = (
            <li key={i} className="waterfall-row" data-testid="hop-row">
              <span className="hop-n">{i + 1}</span>
              <span className="hop-method mono">{h.method}</span>
              <span className={`hop-status mono ${statusClass(h.status)}`}>{h.status}</span>
              <span className="hop-url mono" title={h.url}>
                {shortUrl(h.url, prevOrigin)}
              </span>
              <TimingBar timing={h.timing} scale={scale} offset={offset} />
              <span className="hop-total num">{formatDuration(h.timing.total)}</span>
            </li>
          );
          offset += h.timing.total;
          prevOrigin = originOf(h.url);
          return row;
        })}
      </ol>
      <TimingLegend />
    </div>
  );
}
