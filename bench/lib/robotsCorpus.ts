/**
 * The robots.txt corpus both robots benches measure: a ~500 KiB file shaped like big real ones
 * (one huge `*` group with prefixes, wildcards and `$` anchors, hundreds of named-bot groups, some
 * named twice so they merge) and 10,000 URLs, from a fixed seed so every run measures the same.
 * Used by bench/robots.bench.ts (Porthole) and bench/robots-python.bench.ts (the Python peer).
 */
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
export const name = (n: number): string => (n < 26 ? '' : name(Math.floor(n / 26))) + String.fromCharCode(97 + (n % 26));

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

/** The agents robots.bench.ts times: one that falls back to `*`, one named bot (merged groups). */
export const AGENTS = { star: 'Mozilla/5.0 (compatible; SomeCrawler/1.0)', named: `${name(7)}bot/2.0 (+https://example.org/bot)` } as const;

let made: { text: string; urls: string[] } | undefined;
/** The file, then the URLs: the one order in which the shared generator reproduces the bench's. */
export function corpus(): { text: string; urls: string[] } {
  made ??= (() => {
    const text = buildRobots(500 * 1024);
    return { text, urls: urls(10_000) };
  })();
  return made;
}
