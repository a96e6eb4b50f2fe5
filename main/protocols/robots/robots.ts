import { splitUri } from '../url/rfc3986';
import { parseRobots, productToken, type ParsedRobots, type RobotsGroup, type RobotsRule } from './parse';
import { matchPattern, normalizePath } from './pattern';

/**
 * RFC 9309 verdicts. Per agent, the matching groups are merged once and their rules indexed by
 * literal prefix in a trie, so a verdict walks the path once and tests only the rules whose
 * prefix it starts with (plus those starting with `*`) — 10k verdicts against a 500 KiB file
 * stay in the low milliseconds instead of testing every rule for every URL.
 */

export interface RuleRef {
  line: number;
  text: string;
  directive: 'allow' | 'disallow';
  pattern: string;
}
export interface GroupRef {
  line: number;
  agents: string[];
}
/** Mirrors shared/ipc/urlAnatomy.ts RobotsVerdict (protocols may not import ipc). */
export interface RobotsVerdict {
  url: string;
  allowed: boolean;
  rule: RuleRef | null;
  agent: string;
  groups: GroupRef[];
  crawlDelay: number | null;
  sitemaps: string[];
  reason: string;
  candidates?: (RuleRef & { matched: boolean })[];
}

interface TrieNode {
  kids: Map<number, TrieNode> | null;
  rules: RobotsRule[] | null;
}

/** The merged groups for one product token, ready to match. */
interface AgentRules {
  token: string;
  groups: RobotsGroup[];
  rules: RobotsRule[];
  root: TrieNode;
  crawlDelay: number | null;
}

const ref = (r: RobotsRule): RuleRef => ({ line: r.line, text: r.text, directive: r.directive, pattern: r.pattern });
const priority = (r: RobotsRule) => r.compiled.normalized.length;

/** r beats best? Longest pattern wins; on a tie Allow wins (RFC 9309 §2.2.2); then file order. */
function beats(r: RobotsRule, best: RobotsRule | null): boolean {
  if (best === null) return true;
  const pr = priority(r);
  const pb = priority(best);
  if (pr !== pb) return pr > pb;
  if (r.directive !== best.directive) return r.directive === 'allow';
  return r.order < best.order;
}

function buildTrie(rules: RobotsRule[]): TrieNode {
  const root: TrieNode = { kids: null, rules: null };
  for (const r of rules) {
    if (r.compiled.empty) continue; // matches nothing
    const prefix = r.compiled.segments[0];
    let node = root;
    for (let i = 0; i < prefix.length; i++) {
      const c = prefix.charCodeAt(i);
      node.kids ??= new Map();
      let next = node.kids.get(c);
      if (next === undefined) {
        next = { kids: null, rules: null };
        node.kids.set(c, next);
      }
      node = next;
    }
    (node.rules ??= []).push(r);
  }
  return root;
}

/** The URL's path and query as RFC 9309 matches them (no fragment), normalised. */
export function pathToMatch(url: string): string {
  const p = splitUri(url.trim());
  const path = (p.path === '' ? '/' : p.path) + (p.query !== null ? '?' + p.query : '');
  return normalizePath(path);
}

export class RobotsTxt {
  private readonly byToken = new Map<string, RobotsGroup[]>();
  private readonly cache = new Map<string, AgentRules>();

  constructor(readonly parsed: ParsedRobots) {
    for (const g of parsed.groups) {
      for (const a of g.agents) {
        if (a.token === '') continue; // a user-agent value with no product token matches nobody
        const list = this.byToken.get(a.token) ?? [];
        if (list[list.length - 1] !== g) list.push(g); // a group naming one agent twice counts once
        this.byToken.set(a.token, list);
      }
    }
  }

  /** Parses bytes as fetched or a pasted draft (first 512 KiB). */
  static parse(input: string | Uint8Array): RobotsTxt {
    return new RobotsTxt(parseRobots(input));
  }

  get sitemaps(): string[] {
    return this.parsed.sitemaps;
  }

  /** Groups naming the agent's product token, merged; else the `*` groups, merged. */
  private rulesFor(agent: string): AgentRules {
    const wanted = productToken(agent) || '*';
    const cached = this.cache.get(wanted);
    if (cached) return cached;
    const groups = this.byToken.get(wanted) ?? (wanted === '*' ? [] : (this.byToken.get('*') ?? []));
    const rules = groups.flatMap((g) => g.rules).sort((a, b) => a.order - b.order);
    const crawlDelay = groups.find((g) => g.crawlDelay !== null)?.crawlDelay ?? null;
    const entry: AgentRules = { token: wanted, groups, rules, root: buildTrie(rules), crawlDelay };
    this.cache.set(wanted, entry);
    return entry;
  }

  /**
   * The verdict for one URL (absolute, or a path) and one agent (token or whole User-Agent).
   * @example RobotsTxt.parse('User-agent: *\nDisallow: /p').check('http://h/p/x', 'Bot/1').allowed // false
   */
  check(url: string, agent: string, opts: { explain?: boolean } = {}): RobotsVerdict {
    const a = this.rulesFor(agent);
    const path = pathToMatch(url);
    const base = {
      url,
      agent: a.token,
      groups: a.groups.map((g) => ({ line: g.line, agents: g.agents.map((x) => x.value) })),
      crawlDelay: a.crawlDelay,
      sitemaps: this.parsed.sitemaps,
    };
    const candidates = opts.explain ? a.rules.map((r) => ({ ...ref(r), matched: matchPattern(r.compiled, path) })) : undefined;
    const withCandidates = (v: RobotsVerdict) => (candidates ? { ...v, candidates } : v);

    if (path === '/robots.txt' || path.startsWith('/robots.txt?')) {
      return withCandidates({ ...base, allowed: true, rule: null, reason: '/robots.txt is always allowed' });
    }
    if (a.groups.length === 0) {
      return withCandidates({ ...base, allowed: true, rule: null, reason: 'no group matches this agent (and no * group)' });
    }
    const best = this.best(a.root, path);
    if (best === null) return withCandidates({ ...base, allowed: true, rule: null, reason: 'no rule matches' });
    return withCandidates({
      ...base,
      allowed: best.directive === 'allow',
      rule: ref(best),
      reason: `longest matching rule (line ${best.line})`,
    });
  }

  /** Walks the trie along the path: only rules whose literal prefix the path starts with are tested. */
  private best(root: TrieNode, path: string): RobotsRule | null {
    let best: RobotsRule | null = null;
    let node: TrieNode | undefined = root;
    let i = 0;
    while (node !== undefined) {
      if (node.rules !== null) {
        for (const r of node.rules) if (beats(r, best) && matchPattern(r.compiled, path)) best = r;
      }
      if (i >= path.length || node.kids === null) break;
      node = node.kids.get(path.charCodeAt(i++));
    }
    return best;
  }
}

/** A blanket verdict for when no robots.txt could be read (RFC 9309 §2.3.1.3–4). */
export function blanketVerdict(url: string, agent: string, allowed: boolean, reason: string): RobotsVerdict {
  const path = pathToMatch(url);
  if (!allowed && (path === '/robots.txt' || path.startsWith('/robots.txt?'))) {
    allowed = true;
    reason = '/robots.txt is always allowed';
  }
  return { url, allowed, rule: null, agent: productToken(agent) || '*', groups: [], crawlDelay: null, sitemaps: [], reason };
}
