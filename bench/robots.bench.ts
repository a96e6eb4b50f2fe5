/**
 * robots.txt micro-benchmark (issue: URL inspector, "robots: 10k verdicts against a 500 KiB
 * robots.txt < 50 ms"). Builds a ~500 KiB file shaped like big real ones (one huge `*` group with
 * prefixes, wildcards and `$` anchors, hundreds of named-bot groups, some named twice so they
 * merge), then times 10,000 verdicts for a UA that falls back to `*` and 10,000 for a named bot.
 * Parsing and compiling an agent's merged rules (once per file and agent) are timed apart from
 * the verdicts.
 *
 *   npx tsx bench/robots.bench.ts          human lines
 *   npx tsx bench/robots.bench.ts --json   one JSON document (for bench/run.mjs)
 */
import { RobotsTxt } from '../main/protocols/robots';

const TARGET_MS = 50;
const N = 10_000;

/** Deterministic pseudo-random numbers so every run measures the same file. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = rng(9309);
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
const WORDS = ['shop', 'cart', 'user', 'account', 'search', 'api', 'v1', 'v2', 'static', 'img', 'docs', 'blog', 'tag', 'page', 'admin', 'print', 'private', 'tmp', 'export', 'feed'];
const word = () => pick(WORDS) + (rand() < 0.5 ? String(Math.floor(rand() * 1000)) : '');
const path = (depth: number) => '/' + Array.from({ length: depth }, word).join('/');

function rule(): string {
  const r = rand();
  const dir = rand() < 0.3 ? 'Allow' : 'Disallow';
  if (r < 0.6) return `${dir}: ${path(1 + Math.floor(rand() * 4))}${rand() < 0.5 ? '/' : ''}`;
  if (r < 0.8) return `${dir}: ${path(1 + Math.floor(rand() * 2))}/*${pick(['.php', '.json', '?sort=', '/print'])}${rand() < 0.5 ? '$' : ''}`;
  if (r < 0.9) return `${dir}: /*${pick(['?sessionid=', '&utm_', '.pdf$', '/amp/'])}`;
  return `${dir}: ${path(2)}/%${pick(['70', '7E', 'e3%83%84', '2F'])}${word()}`;
}

/** 0 → "a", 25 → "z", 26 → "ba" … */
const name = (n: number): string => (n < 26 ? '' : name(Math.floor(n / 26))) + String.fromCharCode(97 + (n % 26));

function buildRobots(targetBytes: number): string {
  const lines: string[] = ['# generated for bench/robots.bench.ts', 'User-agent: *'];
  let size = 0;
  const push = (l: string) => {
    lines.push(l);
    size += l.length + 1;
  };
  for (let i = 0; i < 6000; i++) push(rule());
  push('Crawl-delay: 1');
  let g = 0;
  while (size < targetBytes) {
    push('');
    // product tokens are letters, `_` and `-` only (bot7 would be "bot"), so names are spelled out
    push(`User-agent: ${name(g % 400)}bot/${g}.0`); // groups 400+ repeat earlier names: they merge
    if (rand() < 0.3) push(`User-agent: helper-${name(g)}`);
    for (let i = 0; i < 20; i++) push(rule());
    g++;
  }
  push('Sitemap: https://example.com/sitemap.xml');
  return lines.join('\n') + '\n';
}

function urls(n: number): string[] {
  return Array.from({ length: n }, () => `https://example.com${path(1 + Math.floor(rand() * 5))}${rand() < 0.3 ? `?q=${word()}&sessionid=${word()}` : ''}`);
}

/**
 * First one verdict (which merges the agent's groups and builds its index: a one-off per agent
 * and file, reported as compileMs), then the 10k verdicts the target is about, RUNS times: the
 * first run (cold JIT) and the median are both reported; the target applies to the median, as
 * the machine this runs on is shared and a single run is noisy.
 */
const RUNS = 5;
function time(robots: RobotsTxt, agent: string, list: string[]) {
  const t0 = performance.now();
  robots.check('/', agent);
  const compileMs = performance.now() - t0;
  const runs: number[] = [];
  let disallowed = 0;
  for (let r = 0; r < RUNS; r++) {
    disallowed = 0;
    const t = performance.now();
    for (const u of list) if (!robots.check(u, agent).allowed) disallowed++;
    runs.push(performance.now() - t);
  }
  const sorted = [...runs].sort((x, y) => x - y);
  return { compileMs, firstMs: runs[0], ms: sorted[Math.floor(RUNS / 2)], disallowed };
}

const text = buildRobots(500 * 1024);
const bytes = Buffer.byteLength(text);
const t0 = performance.now();
const robots = RobotsTxt.parse(text);
const parseMs = performance.now() - t0;
const list = urls(N);
const star = time(robots, 'Mozilla/5.0 (compatible; SomeCrawler/1.0)', list);
const named = time(robots, `${name(7)}bot/2.0 (+https://example.org/bot)`, list);
const rules = robots.parsed.groups.reduce((n, g) => n + g.rules.length, 0);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bench: 'robots', bytes, rules, groups: robots.parsed.groups.length, verdicts: N, parseMs, starCompileMs: star.compileMs, starFirstMs: star.firstMs, starMs: star.ms, namedCompileMs: named.compileMs, namedFirstMs: named.firstMs, namedMs: named.ms, targetMs: TARGET_MS, ok: star.ms < TARGET_MS && named.ms < TARGET_MS }));
} else {
  const f = (ms: number) => ms.toFixed(1).padStart(7) + ' ms';
  console.log(`robots.txt: ${(bytes / 1024).toFixed(0)} KiB, ${robots.parsed.groups.length} groups, ${rules} rules`);
  console.log(`parse                         ${f(parseMs)}`);
  console.log(`compile * rules               ${f(star.compileMs)}`);
  console.log(`compile named-bot rules       ${f(named.compileMs)}`);
  for (const [label, r] of [['* fallback', star], ['named bot ', named]] as const) {
    console.log(`${N} verdicts, ${label}     ${f(r.ms)} median of ${RUNS} (first ${f(r.firstMs).trim()}, ${r.disallowed} disallowed)  target < ${TARGET_MS} ms  ${r.ms < TARGET_MS ? 'OK' : 'SLOW'}`);
  }
}
