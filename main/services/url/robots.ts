import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { RobotsVerdict } from '../../../shared/ipc/urlAnatomy';
import {
  fetchRobots, policyFromRobots, robotsUrlFor, RobotsTxt,
  type RobotsFetcher, type RobotsPolicy, type RobotsSource,
} from '../../protocols/robots';

export interface RobotsQuery {
  url: string;
  agent: string;
  draft?: string;
  ca?: string;
  explain?: boolean;
  refresh?: boolean;
}

/** Fetches one robots.txt URL without following redirects (the policy counts and follows them). */
export type RobotsFetchWith = (req: Parameters<RobotsFetcher>[0] & { ca?: string }) => ReturnType<RobotsFetcher>;

export interface RobotsServiceOptions {
  /** a parsed (or 4xx: allow-all) robots.txt is reused this long */
  ttlMs?: number;
  /** an unreachable one (5xx, network, ECERT) only this long: the user is probably fixing it */
  unreachableTtlMs?: number;
  /** origins remembered */
  maxEntries?: number;
  now?: () => number;
}

interface CacheEntry {
  at: number;
  policy: Promise<RobotsPolicy>;
  settled: RobotsPolicy | null;
}

/**
 * robots.txt verdicts for the inspector, computed *before* a send: per origin (and extra CA, since
 * that decides whether an https origin is reachable) the policy is fetched once and cached, and
 * concurrent asks for one origin share one fetch — the UI asks as the user types.
 */
export class RobotsService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly unreachableTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly fetchWith: RobotsFetchWith, opts: RobotsServiceOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.unreachableTtlMs = opts.unreachableTtlMs ?? 10_000;
    this.maxEntries = opts.maxEntries ?? 200;
    this.now = opts.now ?? Date.now;
  }

  /** The verdict for q.url and q.agent, from the draft when given, else from the origin's robots.txt. */
  async verdict(q: RobotsQuery, signal?: AbortSignal): Promise<RobotsVerdict> {
    const agent = q.agent.trim() || '*';
    const opts = q.explain ? { explain: true } : undefined;
    if (q.draft !== undefined) {
      let url = '(draft)';
      try {
        url = robotsUrlFor(q.url);
      } catch {
        // a draft can judge a bare path too: there is no origin to name then
      }
      const robots = RobotsTxt.parse(q.draft);
      const source: RobotsSource = { url, status: 'draft', httpStatus: null, redirects: [], truncated: robots.parsed.truncated, error: null };
      return policyFromRobots(robots, source).check(q.url, agent, opts);
    }
    const policy = await abortable(this.policyFor(robotsUrlFor(q.url), q.ca, q.refresh === true), signal);
    return policy.check(q.url, agent, opts);
  }

  private policyFor(robotsUrl: string, ca: string | undefined, refresh: boolean): Promise<RobotsPolicy> {
    const key = `${robotsUrl}|${ca ? createHash('sha256').update(ca).digest('hex') : ''}`;
    const hit = this.cache.get(key);
    if (hit && !refresh && (hit.settled === null || this.now() - hit.at < this.ttlOf(hit.settled))) return hit.policy;
    // the fetch is shared by every asker, so it is not tied to one asker's signal; the engine's
    // own timeout (see the fetcher) bounds it
    const entry: CacheEntry = { at: this.now(), settled: null, policy: fetchRobots(robotsUrl, (r) => this.fetchWith({ ...r, ca })) };
    entry.policy.then(
      (p) => {
        entry.settled = p;
        entry.at = this.now();
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return entry.policy;
  }

  private ttlOf(p: RobotsPolicy): number {
    return p.source.status === 'unreachable' ? this.unreachableTtlMs : this.ttlMs;
  }
}

/** Waits for `p`, or rejects with ECANCELLED as soon as `signal` aborts (p keeps running). */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AppError('ECANCELLED', 'Cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('ECANCELLED', 'Cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
