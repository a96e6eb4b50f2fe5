import { AppError } from '../../../shared/errors';
import { ROBOTS_MAX_BYTES } from './parse';
import { blanketVerdict, RobotsTxt, type RobotsVerdict } from './robots';

/**
 * RFC 9309 §2.3.1 fetch policy, kept apart from any HTTP engine: the caller injects a fetcher
 * that does one request and does **not** follow redirects (we count and follow them here, so the
 * policy is testable with a fake and the hops are ours to report).
 *   2xx → parse (at most 512 KiB, the rest ignored, not an error)
 *   4xx (401/403 included: RFC 9309 calls them "unavailable") → everything allowed
 *   5xx, network errors, more than 5 redirects, a redirect we cannot follow → everything disallowed
 * (RFC 9309 lets a crawler treat >5 redirects as "unavailable"; we take the conservative reading.)
 */

export interface RobotsFetchResponse {
  status: number;
  /** response headers as [name, value]; only Location is read */
  headers: [string, string][];
  body: Uint8Array;
}
/** One GET of `url`, no redirect following, body capped at maxBodyBytes (truncate, not error). */
export type RobotsFetcher = (req: { url: string; maxBodyBytes: number; signal?: AbortSignal }) => Promise<RobotsFetchResponse>;

export const ROBOTS_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export type RobotsFetchStatus = 'ok' | 'unavailable' | 'unreachable';

/** Mirrors shared/ipc/urlAnatomy.ts RobotsSource. */
export interface RobotsSource {
  url: string;
  status: RobotsFetchStatus | 'file' | 'draft';
  httpStatus: number | null;
  redirects: { url: string; status: number }[];
  truncated: boolean;
  error: string | null;
}

export interface RobotsPolicy {
  source: RobotsSource;
  /** the parsed file when status is ok (or file/draft) */
  robots: RobotsTxt | null;
  check(url: string, agent: string, opts?: { explain?: boolean }): RobotsVerdict & { source: RobotsSource };
}

/** A policy over a parsed file (fetched, read from disk, or a draft pasted in the app). */
export function policyFromRobots(robots: RobotsTxt, source: RobotsSource): RobotsPolicy {
  return { source, robots, check: (url, agent, opts) => ({ ...robots.check(url, agent, opts), source }) };
}

function blanket(source: RobotsSource, allowed: boolean, why: string): RobotsPolicy {
  return { source, robots: null, check: (url, agent) => ({ ...blanketVerdict(url, agent, allowed, why), source }) };
}

/**
 * The robots.txt URL for a URL's origin; only http(s) have one.
 * @example robotsUrlFor('https://Example.com:8443/a?b') // 'https://example.com:8443/robots.txt'
 */
export function robotsUrlFor(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('EINVALID', `not an absolute URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('EINVALID', `robots.txt applies to http(s) URLs, not ${u.protocol}`);
  return `${u.protocol}//${u.host}/robots.txt`;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Fetches `robotsUrl` and applies the policy above; throws only when cancelled. */
export async function fetchRobots(robotsUrl: string, fetcher: RobotsFetcher, opts: { signal?: AbortSignal } = {}): Promise<RobotsPolicy> {
  const redirects: { url: string; status: number }[] = [];
  let url = robotsUrl;
  const src = (status: RobotsFetchStatus, httpStatus: number | null, error: string | null, truncated = false): RobotsSource => ({
    url,
    status,
    httpStatus,
    redirects,
    truncated,
    error,
  });
  for (;;) {
    let res: RobotsFetchResponse;
    try {
      res = await fetcher({ url, maxBodyBytes: ROBOTS_MAX_BYTES, signal: opts.signal });
    } catch (e) {
      if (opts.signal?.aborted || (e instanceof AppError && e.code === 'ECANCELLED')) {
        throw e instanceof AppError ? e : new AppError('ECANCELLED', 'robots.txt fetch cancelled');
      }
      const code = e instanceof AppError ? `${e.code}: ` : '';
      return blanket(src('unreachable', null, code + message(e)), false, 'robots.txt could not be fetched: everything disallowed');
    }

    if (REDIRECTS.has(res.status)) {
      redirects.push({ url, status: res.status });
      if (redirects.length > ROBOTS_MAX_REDIRECTS) {
        const why = `more than ${ROBOTS_MAX_REDIRECTS} redirects`;
        return blanket(src('unreachable', res.status, why), false, 'robots.txt is unreachable (too many redirects): everything disallowed');
      }
      const location = res.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
      let next: URL | null;
      try {
        next = location === undefined ? null : new URL(location, url);
      } catch {
        next = null;
      }
      if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        const why = `redirect ${res.status} to ${location === undefined ? 'nowhere (no Location)' : JSON.stringify(location)} cannot be followed`;
        return blanket(src('unreachable', res.status, why), false, 'robots.txt is unreachable (redirect cannot be followed): everything disallowed');
      }
      next.hash = '';
      url = next.href;
      continue;
    }

    if (res.status >= 200 && res.status < 300) {
      const robots = RobotsTxt.parse(res.body);
      return policyFromRobots(robots, src('ok', res.status, null, robots.parsed.truncated || res.body.length > ROBOTS_MAX_BYTES));
    }
    if (res.status >= 400 && res.status < 500) {
      return blanket(src('unavailable', res.status, null), true, `robots.txt is unavailable (HTTP ${res.status}): everything allowed`);
    }
    // 5xx, and anything else we cannot read as a robots.txt (1xx, 300, 304 …)
    return blanket(src('unreachable', res.status, null), false, `robots.txt is unreachable (HTTP ${res.status}): everything disallowed`);
  }
}
