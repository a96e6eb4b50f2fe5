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
import { AGENTS, corpus } from './lib/robotsCorpus';

const TARGET_MS = 50;
const N = 10_000;

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

// the same file and URLs the Python peer (robots-python.bench.ts) gets
const { text, urls: list } = corpus();
const bytes = Buffer.byteLength(text);
const t0 = performance.now();
const robots = RobotsTxt.parse(text);
const parseMs = performance.now() - t0;
const star = time(robots, AGENTS.star, list);
const named = time(robots, AGENTS.named, list);
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
