import { readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import type { UrlSendResult } from '../../../shared/ipc/url';
import type { RobotsVerdict } from '../../../shared/ipc/urlAnatomy';
import type { UrlFetchRequest } from '../../../shared/ipc/urlFetch';
import { HttpClient, type HttpRequestOptions } from '../../protocols/http/client';
import { toAppError } from '../../protocols/http/errors';
import { maskUrl } from '../../protocols/mask';
import type { AppLog } from '../app/log';
import type { SecretStore } from '../app/secrets';
import type { SettingsStore } from '../app/settings';
import type { TrustStore } from '../app/trust';
import type { WireHub } from '../app/wire';
import { ResponseStore, type ResponseStoreOptions } from './bodies';
import { HistoryStore } from './history';
import { CallerJars } from './jars';
import { failureDetail, maskHops } from './mask';
import { previewOf, suggestFilename } from './preview';
import { headersAndBody, proxyFor } from './request';
import { RobotsService, type RobotsQuery, type RobotsServiceOptions } from './robots';

export interface UrlServiceDeps {
  wire: WireHub;
  trust: TrustStore;
  settings: SettingsStore;
  log: AppLog;
  secrets: SecretStore;
  /** where url-history.json lives */
  userDataDir: string;
  /** HTTP(S)_PROXY, NO_PROXY, PORTHOLE_DEMO_*: default process.env */
  env?: Record<string, string | undefined>;
  responses?: ResponseStoreOptions;
  robots?: RobotsServiceOptions;
  historyLimit?: number;
}

/** What a send reports as it goes (the job's progress), and what cancels it. */
export interface SendContext {
  callerId: string;
  signal: AbortSignal;
  progress(done: number, total: number | null): void;
}

/** the robots.txt fetch's own deadline: it is shared by every asker, so no asker's signal bounds it */
const ROBOTS_TIMEOUT_MS = 10_000;

/**
 * The URL inspector's service: one keep-alive HttpClient for the whole app, a cookie jar and the
 * last response bodies per caller, the robots.txt cache and the persisted history. Handlers in
 * register.ts are one-liners over these methods.
 */
export class UrlService {
  readonly client: HttpClient;
  readonly jars = new CallerJars();
  readonly bodies: ResponseStore;
  readonly robots: RobotsService;
  private readonly env: Record<string, string | undefined>;

  private constructor(
    private readonly d: UrlServiceDeps,
    readonly history: HistoryStore,
  ) {
    this.env = d.env ?? process.env;
    // no per-connection wire factory: each send passes its own transcript (`wire`), so a send
    // riding a kept-alive socket still writes into its own Wire connection
    this.client = new HttpClient();
    this.bodies = new ResponseStore(d.responses);
    this.robots = new RobotsService((r) => this.fetchRobotsOnce(r), d.robots);
  }

  static async open(d: UrlServiceDeps): Promise<UrlService> {
    const history = await HistoryStore.open(d.userDataDir, d.secrets, { log: d.log, limit: d.historyLimit });
    return new UrlService(d, history);
  }

  /** closes kept-alive connections */
  close(): void {
    this.client.close();
  }

  /** Sends one request (a job's body): result masked, body kept for url.body, history written. */
  async send(req: UrlFetchRequest & { robotsAgent?: string }, ctx: SendContext): Promise<UrlSendResult> {
    const started = Date.now();
    const t0 = performance.now();
    const { robotsAgent, ...request } = req;
    const conn = this.d.wire.open({ protocol: 'http', label: `${request.method} ${maskUrl(request.url)}` });
    let status: number | null = null;
    let errorCode: string | null = null;
    try {
      // the verdict comes first: it is what the user should have seen before sending
      const robots = robotsAgent === undefined ? null : await this.robotsForSend(request, robotsAgent, ctx.signal);
      const r = await this.client.request({ ...this.options(request, ctx), wire: conn });
      status = r.status;
      const finalUrl = r.hops[r.hops.length - 1]?.url ?? request.url;
      const header = (n: string) => r.headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? null;
      const responseId = this.bodies.put(ctx.callerId, {
        data: r.data ?? Buffer.alloc(0),
        contentType: r.body.contentType,
        filename: suggestFilename(header('content-disposition'), finalUrl, r.body.contentType),
      });
      const { preview, text } = previewOf(r.data, r.body.contentType, r.text);
      const ms = performance.now() - t0;
      conn.info(`done: ${r.status} after ${r.hops.length} hop${r.hops.length === 1 ? '' : 's'} in ${Math.round(ms)} ms`);
      const historyId = await this.record(request, started, ms, r.status, null);
      return {
        hops: maskHops(r.hops), status: r.status, headers: r.headers, body: r.body, tls: r.tls,
        text, responseId, historyId, preview, robots,
      };
    } catch (e) {
      const err = toAppError(e);
      errorCode = err.code;
      conn.info(`failed: ${err.code} ${err.message}`);
      if (status === null) await this.record(request, started, performance.now() - t0, null, err.code);
      throw new AppError(err.code, err.message, failureDetail(err.detail));
    } finally {
      conn.close();
      if (errorCode && errorCode !== 'ECANCELLED') this.d.log.info('url: send failed', { code: errorCode });
    }
  }

  /** url.robots: the verdict for a URL before sending (draft, or the origin's robots.txt). */
  robotsVerdict(q: RobotsQuery, signal?: AbortSignal): Promise<RobotsVerdict> {
    return this.robots.verdict(q, signal);
  }

  /** url.defaults: what `npm run demo` opens the inspector with. */
  async defaults(): Promise<{ url: string | null; caPem: string | null }> {
    const url = this.env.PORTHOLE_DEMO_URL?.trim() || null;
    const caFile = this.env.PORTHOLE_DEMO_CA?.trim();
    let caPem: string | null = null;
    if (caFile) {
      try {
        caPem = await readFile(caFile, 'utf8');
      } catch (e) {
        this.d.log.warn('url: PORTHOLE_DEMO_CA cannot be read', { err: e });
      }
    }
    return { url, caPem };
  }

  private options(request: UrlFetchRequest, ctx: SendContext): HttpRequestOptions {
    const { headers, body } = headersAndBody(request);
    return {
      url: request.url,
      method: request.method,
      headers,
      body,
      maxRedirects: request.maxRedirects,
      timeoutMs: request.timeoutMs,
      ca: request.ca,
      maxBodyBytes: request.maxBodyBytes,
      signal: ctx.signal,
      onProgress: (received, total) => ctx.progress(received, total),
      cookieJar: this.jars.get(ctx.callerId),
      ...this.route(request.url, request.proxy),
    };
  }

  /** what every request of the inspector shares: pinned certificates and the proxy to use */
  private route(url: string, proxy?: UrlFetchRequest['proxy']): Pick<HttpRequestOptions, 'isTrusted' | 'proxy'> {
    return {
      isTrusted: (host, port, sha256) => this.d.trust.isTrusted(host, port, sha256),
      proxy: proxyFor(url, proxy, this.d.settings.get().proxy, this.env),
    };
  }

  private async robotsForSend(request: UrlFetchRequest, agent: string, signal: AbortSignal): Promise<RobotsVerdict | null> {
    try {
      return await this.robots.verdict({ url: request.url, agent, ca: request.ca }, signal);
    } catch (e) {
      if (signal.aborted) throw e;
      return null; // not an http(s) URL: the send itself says why
    }
  }

  /** one GET of a robots.txt URL, no redirects followed (the RFC 9309 policy counts them) */
  private fetchRobotsOnce(r: { url: string; maxBodyBytes: number; signal?: AbortSignal; ca?: string }) {
    const conn = this.d.wire.open({ protocol: 'http', label: `GET ${maskUrl(r.url)} (robots.txt)` });
    return this.client
      .request({
        url: r.url,
        method: 'GET',
        maxRedirects: 0,
        maxBodyBytes: r.maxBodyBytes,
        onBodyLimit: 'truncate',
        timeoutMs: ROBOTS_TIMEOUT_MS,
        ca: r.ca,
        signal: r.signal,
        ...this.route(r.url),
        wire: conn,
      })
      .then((res) => ({ status: res.status, headers: res.headers, body: res.data ?? new Uint8Array(0) }))
      .finally(() => conn.close());
  }

  /** writes the history entry; a failed write must not fail the send (it is logged) */
  private async record(request: UrlFetchRequest, time: number, durationMs: number, status: number | null, error: string | null): Promise<string | null> {
    try {
      return await this.history.add({ request, time, durationMs, status, error });
    } catch (e) {
      this.d.log.warn('url: history entry not written', { err: e });
      return null;
    }
  }
}
