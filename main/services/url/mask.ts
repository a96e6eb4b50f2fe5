import type { Hop, UrlFetchErrorDetail } from '../../../shared/ipc/urlFetch';
import { maskHeader, maskUrl } from '../../protocols/mask';
import { normalizeFingerprint } from '../app/trust';

/**
 * What leaves main after a send: the engine reports the request headers exactly as written on the
 * socket (credentials included, so the CLI and tests can check them); the renderer, the job
 * history and the logs get them masked by the same rules as the Wire view (../../protocols/mask).
 */

/** One header value masked: `Basic dXNl…` → `Basic ****`, `a=1; b=2` (Cookie) → `a=****; b=****`. */
export function maskHeaderValue(name: string, value: string): string {
  const line = maskHeader(`${name}: ${value}`);
  return line.slice(name.length + 2);
}

/** Hops with request secrets masked (and any password in a hop URL's user info). */
export function maskHops(hops: readonly Hop[]): Hop[] {
  return hops.map((h) => ({
    ...h,
    url: maskUrl(h.url),
    requestHeaders: h.requestHeaders.map(([n, v]) => [n, maskHeaderValue(n, v)] as [string, string]),
  }));
}

/**
 * A failed send's detail for the UI: masked hops, and for ECERT the leaf fingerprint in the
 * `AA:BB:…` form trust.add takes (the engine reports lowercase hex), host and port.
 */
export function failureDetail(detail: unknown): UrlFetchErrorDetail {
  const d = (typeof detail === 'object' && detail !== null ? detail : {}) as Partial<UrlFetchErrorDetail> & Record<string, unknown>;
  const out: UrlFetchErrorDetail = { hops: Array.isArray(d.hops) ? maskHops(d.hops) : [] };
  if (Array.isArray(d.chain)) out.chain = d.chain;
  if (typeof d.fingerprint === 'string') out.fingerprint = normalizeFingerprint(d.fingerprint) ?? d.fingerprint;
  if (typeof d.host === 'string') out.host = d.host;
  if (typeof d.port === 'number') out.port = d.port;
  if (typeof d.reason === 'string') out.reason = d.reason;
  return out;
}
