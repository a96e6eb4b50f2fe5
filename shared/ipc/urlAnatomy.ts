import { z } from 'zod';

/**
 * Shapes of the URL anatomy and robots.txt verdicts: what `porthole url parse --json` and
 * `porthole robots check --json` print, and what the URL inspector's IPC channels carry. The core
 * fields are fixed by the URL inspector issue (checked by machine); the rest are extras for the UI.
 *
 * main/protocols/url and main/protocols/robots build these values without importing this module
 * (protocols may not import from ipc/); main/cli checks at compile time and in a unit test that
 * what they build parses here.
 */

/** Bounds keep a hostile renderer payload from growing memory; 64 KiB is far above any real URL. */
export const UrlText = z.string().max(65536);

/** RFC 3986 Appendix B split: null = component absent, "" = present but empty. Nothing decoded. */
export const Rfc3986Parts = z.object({
  scheme: z.string().nullable(),
  authority: z.string().nullable(),
  userinfo: z.string().nullable(),
  host: z.string().nullable(),
  port: z.string().nullable(),
  path: z.string(),
  params: z.string().nullable(),
  query: z.string().nullable(),
  fragment: z.string().nullable(),
});
export type Rfc3986Parts = z.infer<typeof Rfc3986Parts>;
export const RFC3986_FIELDS = ['scheme', 'authority', 'userinfo', 'host', 'port', 'path', 'params', 'query', 'fragment'] as const;
export type Rfc3986Field = (typeof RFC3986_FIELDS)[number];

/** What Node's (and browsers') WHATWG `URL` getters return for the input. */
export const WhatwgParts = z.object({
  href: z.string(),
  protocol: z.string(),
  username: z.string(),
  password: z.string(),
  hostname: z.string(),
  port: z.string(),
  pathname: z.string(),
  search: z.string(),
  hash: z.string(),
});
export type WhatwgParts = z.infer<typeof WhatwgParts>;

export const QueryPair = z.tuple([z.string(), z.string()]);
export type QueryPair = z.infer<typeof QueryPair>;

export const IdnInfo = z.object({
  /** the host as typed */
  host: z.string(),
  /** punycode (A-label) form, null when the host is not a valid domain name */
  ascii: z.string().nullable(),
  /** Unicode (U-label) form */
  unicode: z.string().nullable(),
  /** Unicode scripts seen in letters of the host, e.g. ["Latin", "Cyrillic"] */
  scripts: z.array(z.string()),
  /** a label mixes scripts in a way TR39's "highly restrictive" profile would not allow */
  mixedScript: z.boolean(),
});
export type IdnInfo = z.infer<typeof IdnInfo>;

export const UrlAnatomy = z.object({
  input: z.string(),
  rfc3986: Rfc3986Parts,
  whatwg: WhatwgParts.nullable(),
  differences: z.array(z.enum(RFC3986_FIELDS)),
  queryParams: z.array(QueryPair),
  resolved: z.string().optional(),
  // extras (not part of the fixed CLI shape)
  base: z.string().optional(),
  /** why the WHATWG parser rejected the input (whatwg is null then) */
  whatwgError: z.string().nullable(),
  idn: IdnInfo.nullable(),
  /** percent-decoded path/query/fragment for display (malformed escapes left as they are) */
  decoded: z.object({ path: z.string(), query: z.string().nullable(), fragment: z.string().nullable() }),
  warnings: z.array(z.string()),
});
export type UrlAnatomy = z.infer<typeof UrlAnatomy>;

// ---- robots.txt (RFC 9309) ----

export const RobotsDirective = z.enum(['allow', 'disallow']);
export type RobotsDirective = z.infer<typeof RobotsDirective>;

/** The rule that decided a verdict: its 1-based line, the line as written, and its pattern. */
export const RobotsRuleRef = z.object({
  line: z.number().int().positive(),
  text: z.string(),
  directive: RobotsDirective,
  pattern: z.string(),
});
export type RobotsRuleRef = z.infer<typeof RobotsRuleRef>;

export const RobotsGroupRef = z.object({
  /** line of the group's first user-agent line */
  line: z.number().int().positive(),
  agents: z.array(z.string()),
});
export type RobotsGroupRef = z.infer<typeof RobotsGroupRef>;

export const RobotsCandidate = RobotsRuleRef.extend({ matched: z.boolean() });
export type RobotsCandidate = z.infer<typeof RobotsCandidate>;

/** How the robots.txt was obtained (RFC 9309 §2.3.1): parsed, or a blanket verdict. */
export const RobotsSource = z.object({
  url: z.string(),
  /** ok: 2xx parsed; unavailable: 4xx → all allowed; unreachable: 5xx/network/redirects → all disallowed */
  status: z.enum(['ok', 'unavailable', 'unreachable', 'file', 'draft']),
  httpStatus: z.number().int().nullable(),
  redirects: z.array(z.object({ url: z.string(), status: z.number().int() })),
  truncated: z.boolean(),
  error: z.string().nullable(),
});
export type RobotsSource = z.infer<typeof RobotsSource>;

export const RobotsVerdict = z.object({
  url: z.string(),
  allowed: z.boolean(),
  rule: RobotsRuleRef.nullable(),
  // extras
  /** the product token the agent was reduced to, lowercased ("*" when none) */
  agent: z.string(),
  /** the group(s) used (merged), empty when none matched and no "*" group exists */
  groups: z.array(RobotsGroupRef),
  crawlDelay: z.number().nullable(),
  sitemaps: z.array(z.string()),
  /** why, in words, when no rule decided (e.g. "no matching group", "robots.txt is unreachable") */
  reason: z.string(),
  /** every rule of the used group(s), with whether it matched the URL (explain mode only) */
  candidates: z.array(RobotsCandidate).optional(),
  source: RobotsSource.optional(),
});
export type RobotsVerdict = z.infer<typeof RobotsVerdict>;
