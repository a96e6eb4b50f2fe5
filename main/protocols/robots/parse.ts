import { compilePattern, type CompiledPattern } from './pattern';

/**
 * RFC 9309 §2.1–2.2 parsing, forgiving as crawlers must be: BOM, CR/LF/CRLF, comments, unknown
 * records and lines without a colon are all tolerated (skipped), never an error.
 */

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; we read 512 KiB and ignore the rest. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export interface RobotsRule {
  /** 1-based line number in the file */
  line: number;
  /** the line as written, without its line ending */
  text: string;
  directive: 'allow' | 'disallow';
  /** the value as written (trimmed, comment removed) */
  pattern: string;
  compiled: CompiledPattern;
  /** file order, to keep explain output and ties stable */
  order: number;
}

export interface RobotsAgentLine {
  line: number;
  /** the value as written, e.g. "Googlebot/2.1 (+http://…)" */
  value: string;
  /** lowercased product token ("googlebot"), "*" for the wildcard, "" when there is none */
  token: string;
}

export interface RobotsGroup {
  /** line of its first user-agent line */
  line: number;
  agents: RobotsAgentLine[];
  rules: RobotsRule[];
  crawlDelay: number | null;
}

export interface ParsedRobots {
  groups: RobotsGroup[];
  /** Sitemap records are not part of any group (RFC 9309 §2.2.4) */
  sitemaps: string[];
  /** the input was longer than ROBOTS_MAX_BYTES and its tail was ignored */
  truncated: boolean;
  lines: number;
}

/**
 * The product token of a user-agent value or a whole User-Agent string: its leading run of
 * letters, `_` and `-`, lowercased (RFC 9309 §2.2.1). `*…` is the wildcard.
 * @example productToken('Googlebot/2.1 (+http://www.google.com/bot.html)') // 'googlebot'
 */
export function productToken(ua: string): string {
  const s = ua.trim();
  if (s.startsWith('*')) return '*';
  const m = /^[A-Za-z_-]+/.exec(s);
  return m ? m[0].toLowerCase() : '';
}

// Record names, with the misspellings real files carry (Google's parser accepts the same ones).
const KEYS: Record<string, 'user-agent' | 'allow' | 'disallow' | 'crawl-delay' | 'sitemap'> = {
  'user-agent': 'user-agent', useragent: 'user-agent', 'user agent': 'user-agent',
  allow: 'allow',
  disallow: 'disallow', dissallow: 'disallow', dissalow: 'disallow', disalow: 'disallow', disallaw: 'disallow',
  'crawl-delay': 'crawl-delay', crawldelay: 'crawl-delay', 'crawl delay': 'crawl-delay',
  sitemap: 'sitemap', 'site-map': 'sitemap',
};

/** Bytes (as fetched) or text (a pasted draft); only the first 512 KiB is read. */
export function decodeRobots(input: string | Uint8Array): { text: string; truncated: boolean } {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const truncated = bytes.length > ROBOTS_MAX_BYTES;
  // TextDecoder strips a UTF-8 BOM; invalid UTF-8 becomes U+FFFD rather than an error
  let text = new TextDecoder('utf-8').decode(truncated ? bytes.subarray(0, ROBOTS_MAX_BYTES) : bytes);
  if (truncated) {
    // the last line was cut mid-way: `Disallow: /private` must not become `Disallow: /pri`
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    text = lastBreak < 0 ? '' : text.slice(0, lastBreak + 1);
  }
  return { text, truncated };
}

/**
 * A group is a run of user-agent lines followed by its rules; the next user-agent line after a
 * rule starts a new group. Crawl-delay counts as a group member (it ends the user-agent run too).
 * Rules before any user-agent line belong to no group and are ignored. Merging groups that
 * name the same agent happens at lookup time (robots.ts), so each group keeps its own lines.
 */
export function parseRobots(input: string | Uint8Array): ParsedRobots {
  const { text, truncated } = decodeRobots(input);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const groups: RobotsGroup[] = [];
  const sitemaps: string[] = [];
  let current: RobotsGroup | null = null;
  let inAgentRun = false;
  let order = 0;

  for (let i = 0; i < lines.length; i++) {
    const raw = i === 0 && lines[0].startsWith('\uFEFF') ? lines[0].slice(1) : lines[i];
    const hash = raw.indexOf('#');
    const content = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    const colon = content.indexOf(':');
    if (colon <= 0) continue; // blank, comment-only, or no "key:" — tolerated and skipped
    const key = KEYS[content.slice(0, colon).trim().toLowerCase()];
    if (key === undefined) continue; // unknown record (Host:, Clean-param:, …)
    const value = content.slice(colon + 1).trim();
    const line = i + 1;

    switch (key) {
      case 'user-agent':
        if (current === null || !inAgentRun) {
          current = { line, agents: [], rules: [], crawlDelay: null };
          groups.push(current);
          inAgentRun = true;
        }
        current.agents.push({ line, value, token: productToken(value) });
        break;
      case 'allow':
      case 'disallow':
        if (current === null) break;
        inAgentRun = false;
        current.rules.push({ line, text: raw, directive: key, pattern: value, compiled: compilePattern(value), order: order++ });
        break;
      case 'crawl-delay':
        if (current === null) break;
        inAgentRun = false;
        if (current.crawlDelay === null) {
          const n = Number(value);
          if (value !== '' && Number.isFinite(n) && n >= 0) current.crawlDelay = n;
        }
        break;
      case 'sitemap':
        if (value !== '') sitemaps.push(value);
        break;
    }
  }
  return { groups, sitemaps, truncated, lines: lines.length };
}
