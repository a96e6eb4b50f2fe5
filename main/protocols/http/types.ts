import type { Writable } from 'node:stream';
import type { BodyInfo, CertInfo, Cookie, Hop, HopTiming, TlsInfo, UrlFetchResult } from '../../../shared/ipc/urlFetch';
import type { WireSink } from '../wire';
import type { CookieJar } from './cookies';
import type { ProxyConfig } from './proxy';

/*
 * Result shapes are the IPC schemas' own types (shared/ipc/urlFetch.ts), so the engine, the CLI's
 * `--json` and the app cannot drift apart. Only the engine's request options and the result's
 * body bytes are its own.
 */
export type { BodyInfo, CertInfo, Cookie, Hop, HopTiming, TlsInfo };

/** One request as the engine takes it (the IPC-side `UrlFetchRequest` is turned into this). */
export interface HttpRequestOptions {
  url: string;
  /** any token; default GET */
  method?: string;
  /** sent in this order; Host, User-Agent, Accept, Accept-Encoding are added when absent */
  headers?: [string, string][];
  body?: string | Uint8Array | null;
  /** default 20; 0 = return the redirect response itself */
  maxRedirects?: number;
  /** deadline for the whole fetch, redirects and body included (curl's --max-time) */
  timeoutMs?: number;
  /** PEM text added to the default roots for this request */
  ca?: string;
  /** the trust store: a cert that fails verification is accepted when its leaf SHA-256 is pinned */
  isTrusted?: (host: string, port: number, sha256: string) => boolean;
  /** decoded body cap, default 100 MiB */
  maxBodyBytes?: number;
  /** what to do at the cap: fail with ELIMIT (default) or keep what fits (robots.txt) */
  onBodyLimit?: 'error' | 'truncate';
  /** response header block cap (Node's maxHeaderSize), default 64 KiB */
  maxHeaderBytes?: number;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
  proxy?: ProxyConfig;
  cookieJar?: CookieJar;
  /** default `Porthole/0.1` */
  userAgent?: string;
  /** stream the final body here (still hashed and counted); `data` is then null */
  sink?: Writable;
  /** offer HTTP/2 by ALPN on https (default true) */
  http2?: boolean;
  /**
   * this request's transcript: its lines (and a new connection's opening lines) go here, whatever
   * kept-alive socket it rides; the engine never closes it. Without it they go to the client's
   * per-connection wire factory, if any.
   */
  wire?: WireSink;
}

/** The fetch result: the IPC result plus the decoded final body (null when streamed to `sink`). */
export type HttpResult = UrlFetchResult & { data: Buffer | null };
