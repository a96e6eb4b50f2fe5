import type { Writable } from 'node:stream';
import type { BodyInfo, Hop, TlsInfo } from '../../../shared/ipc/urlFetch';
import type { CookieJar } from './cookies';
import type { ProxyConfig } from './proxy';

export type { BodyInfo, Hop, TlsInfo };

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
}

export interface HttpResult {
  hops: Hop[];
  status: number;
  headers: [string, string][];
  /** the decoded final body, null when streamed to `sink` */
  data: Buffer | null;
  body: BodyInfo;
  /** the final hop's TLS, null for plain http */
  tls: TlsInfo | null;
  /** the body decoded by its charset when the Content-Type is textual, else null */
  text: string | null;
}
