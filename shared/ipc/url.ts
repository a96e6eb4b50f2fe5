import { z } from 'zod';
import { Empty, Id, JobId, Void, type EventMap, type RequestMap } from './define';
import { QueryPair, RobotsVerdict, UrlAnatomy, UrlText } from './urlAnatomy';
import { Cookie, UrlFetchRequest, UrlFetchResult } from './urlFetch';

/**
 * URL inspector channels (issue 3). Implemented by main/services/url (registerUrl). Every value the
 * renderer receives here has secrets masked unless a channel says otherwise (url.history.get,
 * url.curl.export with includeSecrets): the renderer already knows the secrets it typed, so those
 * two hand them back for re-sending/copying only on an explicit user action.
 *
 * Failure codes worth handling in the UI:
 *   url.send      ECERT (detail: UrlFetchErrorDetail with host, port, fingerprint → offer trust.add),
 *                 ELIMIT (redirect loop/chain past maxRedirects, body too large), ETIMEDOUT,
 *                 ECONNECTION, ENOTFOUND (host), EPROTOCOL, EINVALID (bad URL / proxy), ECANCELLED.
 *                 Every failure's detail carries `hops` so far (masked).
 *   url.body      ENOTFOUND when the response was evicted (message says so).
 *   url.history.* ENOTFOUND for an unknown id.
 */

// ---- url.send (a job) ----

/** The request to send: the editor's request, plus the agent to check robots.txt for (optional). */
export const UrlSendRequest = UrlFetchRequest.extend({
  /**
   * When given, main checks the URL's robots.txt for this agent (the same cache as url.robots) and
   * returns the verdict in `robots`. It never blocks the send: this is a debugging tool, the UI
   * shows the verdict *before* sending through url.robots and the user decides.
   */
  robotsAgent: z.string().max(1024).optional(),
});
export type UrlSendRequest = z.input<typeof UrlSendRequest>;

/** Caps of the body preview that travels with the result (the whole body: url.body). */
export const PREVIEW_TEXT_CHARS = 2 * 1024 * 1024;
export const PREVIEW_IMAGE_BYTES = 4 * 1024 * 1024;
export const PREVIEW_BINARY_BYTES = 64 * 1024;

/**
 * How the response tab can show the body:
 * - text:   `result.text` holds the decoded text (at most PREVIEW_TEXT_CHARS; raw/pretty/HTML preview)
 * - image:  `base64` holds the whole image (when ≤ PREVIEW_IMAGE_BYTES), render with `mime`
 * - binary: `base64` holds the first PREVIEW_BINARY_BYTES (hex view)
 * - empty:  no body (HEAD, 204, 304 …)
 * `truncated`: the preview is cut (or, for a too-large image, absent: base64 null); the whole body
 * is still available through url.body while the response is kept.
 */
export const BodyPreview = z.object({
  kind: z.enum(['text', 'image', 'binary', 'empty']),
  /** the media type without parameters, lowercase (e.g. `image/png`), null when not sent */
  mime: z.string().nullable(),
  base64: z.string().nullable(),
  truncated: z.boolean(),
});
export type BodyPreview = z.infer<typeof BodyPreview>;

/**
 * The job result: the engine's result with request secrets masked in `hops[].requestHeaders`
 * (`Authorization: Basic ****`, `Cookie: a=****`) and in hop URLs' user info; `text` capped
 * (see BodyPreview). Response headers are shown as received.
 */
export const UrlSendResult = UrlFetchResult.extend({
  /** for url.body ("save body as…"); kept for the last ~20 responses of this window */
  responseId: Id,
  /** the history entry written for this send (url.history.get re-loads it); null if it could not be written */
  historyId: Id.nullable(),
  preview: BodyPreview,
  /** set when the request had `robotsAgent` */
  robots: RobotsVerdict.nullable(),
});
export type UrlSendResult = z.infer<typeof UrlSendResult>;

// ---- history ----

/** One row of the history list (the request itself: url.history.get). */
export const UrlHistorySummary = z.object({
  id: Id,
  /** ms since epoch, when the send started */
  time: z.number(),
  method: z.string(),
  /** with any password in the user info masked */
  url: z.string(),
  /** the final HTTP status, null when the send failed */
  status: z.number().int().nullable(),
  /** the error code when it failed (ECERT, ETIMEDOUT, ECANCELLED …), else null */
  error: z.string().nullable(),
  durationMs: z.number(),
});
export type UrlHistorySummary = z.infer<typeof UrlHistorySummary>;

export const UrlHistoryGetResult = z.object({
  /** the request as sent, secrets restored from the secret store: ready for url.send */
  request: UrlFetchRequest,
  /**
   * true when a secret could not be restored (e.g. an in-memory secret store after a restart):
   * the request then carries `****` where the secret was — ask the user to re-enter it
   */
  secretsMissing: z.boolean(),
  /** true when the body was too large to keep in history (the request has no body then) */
  bodyOmitted: z.boolean(),
});
export type UrlHistoryGetResult = z.infer<typeof UrlHistoryGetResult>;

// ---- robots ----

export const UrlRobotsRequest = z.object({
  /** the URL to judge (absolute http(s)); its origin's /robots.txt is fetched unless `draft` */
  url: UrlText,
  /** a product token or a whole User-Agent string; "*" (or empty) uses the * group */
  agent: z.string().max(1024),
  /** robots.txt text pasted/edited by the user: judged instead of fetching (RFC 9309 parse limit applies) */
  draft: z.string().max(2 * 1024 * 1024).optional(),
  /** PEM of an extra CA for an https origin (the request editor's CA) */
  ca: z.string().max(1_000_000).optional(),
  /** include every candidate rule of the matched group(s) with whether it matched */
  explain: z.boolean().optional(),
  /** fetch again instead of using the ~60 s per-origin cache */
  refresh: z.boolean().optional(),
});

// ---- cookies (the calling window's session jar) ----

export const CookieKey = z.object({
  domain: z.string().max(253),
  path: z.string().max(4096),
  name: z.string().max(4096),
});
/** A cookie as the user edits it; `created` defaults to now. Values are shown unmasked here: it is the user's own jar. */
export const CookieInput = Cookie.extend({
  name: z.string().max(4096),
  value: z.string().max(4096),
  domain: z.string().min(1).max(253),
  path: z.string().min(1).max(4096).startsWith('/'),
  created: z.number().optional(),
});

export const urlRequests = {
  /** The anatomy of what the user typed (cheap: called on every keystroke); same code as `porthole url parse`. */
  'url.analyze': { req: z.object({ input: UrlText, base: UrlText.optional() }), res: UrlAnatomy },
  /** Replaces the query with the table's pairs (fragment and everything else kept); no pairs removes `?`. */
  'url.setQuery': { req: z.object({ url: UrlText, pairs: z.array(QueryPair).max(10_000) }), res: z.object({ url: z.string() }) },

  /**
   * Sends the request as a job labelled `METHOD url`: progress = body bytes received / Content-Length
   * (total null when unknown); cancel with job.cancel. Applies the trust store pins, this window's
   * cookie jar, the proxy (request's `proxy`, else Settings: env / manual / none), writes one Wire
   * connection per send and one history entry. Failure: the job fails with the AppError; its
   * `detail` is a UrlFetchErrorDetail (hops so far; for ECERT host, port, the chain and
   * `fingerprint` in the `AA:BB:…` form trust.add takes).
   */
  'url.send': { req: UrlSendRequest, res: z.object({ job: JobId }), result: UrlSendResult },

  /** The whole body of a kept response, for "save body as…" (`filename` is a safe suggestion, no path). */
  'url.body': {
    req: z.object({ responseId: Id }),
    res: z.object({ base64: z.string(), contentType: z.string().nullable(), size: z.number().int(), filename: z.string() }),
  },

  /**
   * The RFC 9309 verdict for `url` and `agent`, with the deciding line; `source` says where the
   * robots.txt came from (fetched: status, redirects; or the draft). Fetched through the same
   * HTTP client (≤ 5 redirects, 4xx → all allowed, 5xx/unreachable → all disallowed, 512 KiB),
   * cached per origin for ~60 s (~10 s for an unreachable one).
   */
  'url.robots': { req: UrlRobotsRequest, res: RobotsVerdict },

  /** Newest first; `query` is a case-insensitive substring of method + URL. */
  'url.history.list': {
    req: z.object({ query: z.string().max(1024).optional(), limit: z.number().int().min(1).max(1000).optional() }),
    res: z.array(UrlHistorySummary),
  },
  /** The full request of one entry, secrets restored (for re-sending; never shown as is). */
  'url.history.get': { req: z.object({ id: Id }), res: UrlHistoryGetResult },
  'url.history.delete': { req: z.object({ id: Id }), res: Void },
  'url.history.clear': { req: Empty, res: Void },

  /** This window's jar (live cookies only). */
  'url.cookies.list': { req: Empty, res: z.array(Cookie) },
  /** Adds or replaces (same domain + path + name); an `expires` in the past deletes. Answers the jar. */
  'url.cookies.set': { req: z.object({ cookie: CookieInput }), res: z.array(Cookie) },
  /** ENOTFOUND when there is no such cookie. */
  'url.cookies.delete': { req: CookieKey, res: Void },
  'url.cookies.clear': { req: Empty, res: Void },

  /**
   * A pasted curl command as a request for the editor. `warnings` lists what could not be imported
   * (files named by -d @file / -F name=@file / --cacert are not read: choose them in the editor;
   * -k is refused).
   */
  'url.curl.import': {
    req: z.object({ command: z.string().max(1_000_000) }),
    res: z.object({ request: UrlFetchRequest, warnings: z.array(z.string()) }),
  },
  /**
   * A curl command reproducing the request (POSIX shell quoting). Authorization / Cookie values,
   * the -u password and proxy passwords are `<secret>` unless `includeSecrets`. `warnings` e.g.
   * for a CA given as text (the command names `ca.pem`: save the CA there).
   */
  'url.curl.export': {
    req: z.object({ request: UrlFetchRequest, includeSecrets: z.boolean() }),
    res: z.object({ command: z.string(), warnings: z.array(z.string()) }),
  },

  /** What the inspector opens with: env PORTHOLE_DEMO_URL and the PEM read from the file PORTHOLE_DEMO_CA. */
  'url.defaults': { req: Empty, res: z.object({ url: z.string().nullable(), caPem: z.string().nullable() }) },
} satisfies RequestMap;

export const urlEvents = {
  /** the shared history changed (a send finished, an entry was deleted …): reload the list */
  'url.history.changed': z.object({}),
} satisfies EventMap;
