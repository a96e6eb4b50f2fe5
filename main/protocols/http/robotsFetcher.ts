import type { RobotsFetcher } from '../robots/fetchRobots';
import type { HttpClient } from './client';
import type { HttpRequestOptions } from './types';

/**
 * The robots.txt policy's fetcher on top of this engine: one GET, no redirect following (the
 * policy counts and follows them itself), body truncated — not failed — at the cap, as RFC 9309
 * lets a crawler parse the first 500 KiB. `base` carries the CA, trust store, proxy, user agent.
 * @example fetchRobots(robotsUrlFor(url), robotsFetcher(client, { ca }))
 */
export function robotsFetcher(client: HttpClient, base: Omit<HttpRequestOptions, 'url'> = {}): RobotsFetcher {
  return async ({ url, maxBodyBytes, signal }) => {
    const r = await client.request({ ...base, url, method: 'GET', maxRedirects: 0, maxBodyBytes, onBodyLimit: 'truncate', signal: signal ?? base.signal });
    return { status: r.status, headers: r.headers, body: r.data ?? new Uint8Array() };
  };
}
