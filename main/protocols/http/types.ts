import type { Writable } from 'node:stream';
import type { CookieJar } from './cookies';
import type { ProxyConfig } from './proxy';

/*
 * Result shapes. They mirror the zod schemas of shared/ipc/urlFetch.ts (protocols may not import
 * the IPC layer — eslint layer rule); main/cli/verbs/urlFetch.ts asserts at compile time that the
 * two stay mutually assignable.
 */

/** Milliseconds per phase (not cumulative); null for a phase that did not happen. */
export interface HopTiming {
  dns: number | null;
  connect: number | null;
  tls: number | null;
  ttfb: number | null;
  download: number | null;
  total: number;
}

export interface CertInfo {
  subject: string;
  issuer: string;
  /** e.g. `DNS:localhost`, `IP:127.0.0.1` */
  sans: string[];
  /** ISO 8601 */
  validFrom: string;
  validTo: string;
  /** lowercase hex SHA-256 of the DER */
  sha256: string;
}

export interface TlsInfo {
  protocol: string | null;
  alpn: string | null;
  cipher: string | null;
  /** leaf first, up to the self-issued root when known */
  chain: CertInfo[];
}

export interface Hop {
  method: string;
  url: string;
  httpVersion: string;
  status: number;
  reason: string;
  /** exactly as sent, secrets included: mask before it leaves main (the CLI and services do) */
  requestHeaders: [string, string][];
  /** as received: order, repeats and name case kept */
  headers: [string, string][];
  remoteAddress: string | null;
  remotePort: number | null;
  /** rode a kept-alive connection / HTTP/2 session */
  reused: boolean;
  timing: HopTiming;
  tls: TlsInfo | null;
}

export interface BodyInfo {
  bytes: number;
  wireBytes: number;
  sha256: string;
  contentType: string | null;
  charset: string | null;
  contentEncoding: string | null;
  truncated: boolean;
}

/** RFC 6265 storage model entry, as the UI lists and edits it. */
export interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None' | null;
  /** ms since epoch; null = session cookie */
  expires: number | null;
  created: number;
}

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
