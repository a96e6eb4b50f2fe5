/**
 * robots.txt verdicts side by side (issue 3: "10k verdicts against a 500 KiB robots.txt,
 * < 50 ms"): Porthole's number comes from bench/robots.bench.ts (run here with --json, its
 * median of 5), the peer is Python's urllib.robotparser — the only in-process robots.txt
 * library at hand — on the same file and the same 10,000 URLs (bench/lib/robotsCorpus.ts).
 *
 * The peer applies different, non-RFC semantics (first match instead of longest, no `*`/`$`,
 * substring agent matching, no group merging; see bench/peers/robots.py): it is a speed
 * reference, not a correctness one. Where the verdicts differ is counted and reported.
 *
 *   npx tsx bench/robots-python.bench.ts [--json]
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RobotsTxt } from '../main/protocols/robots';
import { emit, have, run, stat, type Row } from './lib/common';
import { AGENTS, corpus } from './lib/robotsCorpus';

const PY_RUNS = 3;

interface PortholeDoc {
  bytes: number;
  rules: number;
  groups: number;
  verdicts: number;
  parseMs: number;
  starMs: number;
  namedMs: number;
  starFirstMs: number;
  namedFirstMs: number;
  targetMs: number;
}
interface PyDoc {
  parseMs: number;
  runsMs: number[];
  disallowed: number;
  verdicts: number;
  allowedBits: string;
  python: string;
}

const ours = JSON.parse((await run('npx', ['tsx', 'bench/robots.bench.ts', '--json'])).stdout) as PortholeDoc;
const { text, urls } = corpus();
const robots = RobotsTxt.parse(text);
// both sides take their file and URLs from bench/lib/robotsCorpus.ts, so they measure the same corpus

const withPython = await have('python3');
const work = await mkdtemp(join(tmpdir(), 'porthole-bench-robots-'));
const rows: Row[] = [];
const details: Record<string, unknown> = { porthole: ours };
try {
  const robotsFile = join(work, 'robots.txt');
  const urlsFile = join(work, 'urls.txt');
  writeFileSync(robotsFile, text);
  writeFileSync(urlsFile, `${urls.join('\n')}\n`);
  for (const [key, agent] of [['star', AGENTS.star], ['named', AGENTS.named]] as const) {
    const portholeMs = key === 'star' ? ours.starMs : ours.namedMs;
    let py: PyDoc | null = null;
    if (withPython) py = JSON.parse((await run('python3', ['bench/peers/robots.py', robotsFile, urlsFile, agent, String(PY_RUNS)])).stdout) as PyDoc;
    const mine = urls.map((u) => robots.check(u, agent).allowed);
    const differ = py ? mine.filter((a, i) => a !== (py.allowedBits[i] === '1')).length : null;
    rows.push({
      label: `10k robots verdicts, ${key === 'star' ? '* fallback' : 'named bot'} (${Math.round(ours.bytes / 1024)} KiB file)`,
      unit: 'ms',
      // robots.bench.ts reports its median only; min/max of its runs are not in its --json
      porthole: stat([portholeMs]),
      peer: { name: 'python robotparser', stat: py ? stat(py.runsMs) : null, note: py ? undefined : 'python3 not found' },
      target: { kind: 'absMax', value: ours.targetMs, text: `< ${ours.targetMs} ms` },
    });
    details[key] = {
      agent,
      portholeDisallowed: mine.filter((a) => !a).length,
      python: py ? { parseMs: py.parseMs, runsMs: py.runsMs, disallowed: py.disallowed, python: py.python } : null,
      verdictsThatDiffer: differ,
    };
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

emit({ bench: 'robots', command: 'npx tsx bench/robots-python.bench.ts --json   (Porthole side: npx tsx bench/robots.bench.ts --json)', rows, details });
