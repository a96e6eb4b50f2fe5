import { z } from 'zod';
import { AppErrorDataSchema } from '../errors';

/**
 * Data shapes of the URL inspector's HTTP fetch (issue 3): what the renderer may ask for, and what
 * the engine (main/protocols/http) answers. The IPC contract and the UI import these; the engine
 * builds values of exactly these types so the CLI's `--json` and the app never disagree.
 */

/** An HTTP method is any RFC 9110 token (custom verbs like PROPFIND are fine). */
export const HttpMethod = z.string().min(1).max(32).regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);

/** Headers keep order and repeats, so they travel as pairs rather than a record. */
export const HeaderPair = z.tuple([z.string().max(8192), z.string().max(65536)]);
export type HeaderPair = z.infer<typeof HeaderPair>;
export const HeaderList = z.array(HeaderPair).max(1000);

export const MultipartFile = z.object({
  name: z.string().max(1024),
  filename: z.string().max(1024),
  contentType: z.string().max(256).optional(),
  /** base64 over IPC; the engine takes bytes */
  dataBase64: z.string(),
});

/** The request body as the user composes it; the engine turns it into bytes + a content type. */
export const RequestBodySpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('raw'), text: z.string(), contentType: z.string().max(256).optional() }),
  z.object({ kind: z.literal('json'), text: z.string() }),
  z.object({ kind: z.literal('form'), fields: z.array(z.tuple([z.string(), z.string()])).max(1000) }),
  z.object({
    kind: z.literal('multipart'),
    fields: z.array(z.tuple([z.string(), z.string()])).max(1000),
    files: z.array(MultipartFile).max(100),
  }),
]);
export type RequestBodySpec = z.infer<typeof RequestBodySpec>;

export const AuthSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('basic'), user: z.string().max(1024), password: z.string().max(4096) }),
  z.object({ kind: z.literal('bearer'), token: z.string().max(16384) }),
]);
export type AuthSpec = z.infer<typeof AuthSpec>;

export const ProxySpec = z.object({
  url: z.string().max(2048),
  /** NO_PROXY syntax: comma-separated hosts / .suffixes / host:port / `*` */
  noProxy: z.string().max(4096).optional(),
});
export type ProxySpec = z.infer<typeof ProxySpec>;

/** What the renderer sends to start a fetch (the serialisable part of HttpRequestOptions). */
export const UrlFetchRequest = z.object({
  url: z.string().min(1).max(8192),
  method: HttpMethod.default('GET'),
  headers: HeaderList.default([]),
  body: RequestBodySpec.default({ kind: 'none' }),
  auth: AuthSpec.default({ kind: 'none' }),
  maxRedirects: z.number().int().min(0).max(100).default(20),
  timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  /** PEM text of an extra CA for this request (added to the default roots) */
  ca: z.string().max(1_000_000).optional(),
  proxy: ProxySpec.optional(),
  maxBodyBytes: z.number().int().min(1).max(4 * 1024 ** 3).optional(),
});
export type UrlFetchRequest = z.infer<typeof UrlFetchRequest>;

/** Milliseconds per phase (not cumulative); null for a phase that did not happen. */
export const HopTiming = z.object({
  dns: z.number().nullable(),
  connect: z.number().nullable(),
  tls: z.number().nullable(),
  ttfb: z.number().nullable(),
  download: z.number().nullable(),
  total: z.number(),
});
export type HopTiming = z.infer<typeof HopTiming>;

export const CertInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  /** e.g. `DNS:localhost`, `IP:127.0.0.1` */
  sans: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  /** lowercase hex, no colons */
  sha256: z.string(),
});
export type CertInfo = z.infer<typeof CertInfo>;

export const TlsInfo = z.object({
  protocol: z.string().nullable(),
  alpn: z.string().nullable(),
  cipher: z.string().nullable(),
  /** leaf first, walking issuers up to the self-issued root when the peer sent it */
  chain: z.array(CertInfo),
});
export type TlsInfo = z.infer<typeof TlsInfo>;

export const Hop = z.object({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  status: z.number(),
  reason: z.string(),
  /** exactly what went on the wire (Host, User-Agent, Accept-Encoding …) — secrets included in
   * the engine's value; the service masks them before they leave main */
  requestHeaders: HeaderList,
  /** as received: order and repeats kept, names as the server wrote them */
  headers: HeaderList,
  remoteAddress: z.string().nullable(),
  remotePort: z.number().nullable(),
  /** true when the hop rode a kept-alive connection / HTTP/2 session */
  reused: z.boolean(),
  timing: HopTiming,
  tls: TlsInfo.nullable(),
});
export type Hop = z.infer<typeof Hop>;

export const BodyInfo = z.object({
  /** decoded size */
  bytes: z.number(),
  /** as transferred: after de-chunking, before content decoding */
  wireBytes: z.number(),
  /** of the decoded body, lowercase hex */
  sha256: z.string(),
  contentType: z.string().nullable(),
  charset: z.string().nullable(),
  contentEncoding: z.string().nullable(),
  /** onBodyLimit 'truncate' stopped reading at the cap */
  truncated: z.boolean(),
});
export type BodyInfo = z.infer<typeof BodyInfo>;

/** The fetch result without the body bytes (those travel separately or go to a file). */
export const UrlFetchResult = z.object({
  hops: z.array(Hop),
  status: z.number(),
  headers: HeaderList,
  body: BodyInfo,
  tls: TlsInfo.nullable(),
  /** body decoded by its charset when it is text, else null */
  text: z.string().nullable(),
});
export type UrlFetchResult = z.infer<typeof UrlFetchResult>;

/** `detail` of a failed fetch: the hops so far (redirect loop, ECERT, ELIMIT …). */
export const UrlFetchErrorDetail = z.object({
  hops: z.array(Hop),
  /** ECERT: the chain the peer presented and what the user may pin */
  chain: z.array(CertInfo).optional(),
  fingerprint: z.string().optional(),
  host: z.string().optional(),
  port: z.number().optional(),
  reason: z.string().optional(),
});
export type UrlFetchErrorDetail = z.infer<typeof UrlFetchErrorDetail>;

export const UrlFetchFailure = z.object({ error: AppErrorDataSchema, detail: UrlFetchErrorDetail.optional() });

export const Cookie = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  /** true: sent only to exactly `domain` (no Domain attribute was given) */
  hostOnly: z.boolean(),
  secure: z.boolean(),
  httpOnly: z.boolean(),
  sameSite: z.enum(['Strict', 'Lax', 'None']).nullable(),
  /** ms since epoch; null = session cookie */
  expires: z.number().nullable(),
  created: z.number(),
});
export type Cookie = z.infer<typeof Cookie>;
