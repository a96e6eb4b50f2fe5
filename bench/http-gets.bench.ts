/**
 * 1,000 sequential GETs of one page of the test nginx (issue 3, "Tests and measures"):
 * Porthole's HttpClient — one process, one client, the connection kept alive, each body read
 * whole, decoded and hashed as the app does — against ONE curl process fetching the same 1,000
 * URLs over its own kept-alive connection (`curl -s --compressed -K FILE`), and Python's
 * http.client on one kept-alive connection as a second peer. Target: ≤ 1.5× curl.
 *
 * Accept-Encoding: gzip for all (the target row). Porthole sends its default
 * `gzip, deflate, br`, curl `--compressed`, Python `gzip`; nginx answers gzip to each, and each
 * inflates the body. Identity (no compression) is measured too, for context.
 *
 * The first 1,000 GETs of the fresh process are reported apart (cold JIT, context); then 3,000
 * more warm the engine before the timed rounds, as in a long-running app.
 *
 * Rounds interleave the tools (Porthole, curl, Python, Porthole, …) so load from others on this
 * shared machine falls on all of them alike. Porthole is timed in-process (the app is long-lived);
 * curl by wall clock (its process start is part of using it; measured apart as `curlStartMs`);
 * Python inside its script after a warm-up.
 *
 *   PORTHOLE_SERVERS=…/servers.json npx tsx bench/http-gets.bench.ts [--json]
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient } from '../main/protocols/http/client';
import { emit, have, pause, run, servers, stat, type Row } from './lib/common';

const N = 1000;
const RUNS = 5;
/** after the first (cold, reported) 1,000: the JIT settles only after a few thousand requests */
const WARMUP = 3000;
const PATH = '/page1.html';

type Coding = 'gzip' | 'identity';

const s = servers();
const url = `http://127.0.0.1:${s.http.port}${PATH}`;
const work = await mkdtemp(join(tmpdir(), 'porthole-bench-gets-'));
const client = new HttpClient();

/** one curl config line per URL; `output` per URL, as `-o` would apply to the first URL only */
const config = (withOutput: boolean) => Array.from({ length: N }, () => `url = "${url}"\n${withOutput ? 'output = "/dev/null"\n' : ''}`).join('');
const cfg = join(work, 'urls.cfg');
const cfgChecked = join(work, 'urls-checked.cfg');
writeFileSync(cfg, config(false));
writeFileSync(cfgChecked, config(true));
const curlArgs = (c: Coding, file: string) => ['-s', ...(c === 'gzip' ? ['--compressed'] : []), '-K', file];

/** Porthole: N GETs; checks every answer so a fast wrong answer cannot count. */
async function porthole(c: Coding) {
  const headers: [string, string][] = c === 'identity' ? [['Accept-Encoding', 'identity']] : [];
  let reused = 0;
  let sha = '';
  let enc: string | null = null;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await client.request({ url, headers });
    if (r.status !== 200 || r.text === null) throw new Error(`Porthole: GET ${url} answered ${r.status}`);
    if (r.hops[0].reused) reused++;
    sha = r.body.sha256;
    enc = r.body.contentEncoding;
  }
  return { ms: performance.now() - t0, reused, sha256: sha, contentEncoding: enc };
}

async function curl(c: Coding): Promise<number> {
  return (await run('curl', curlArgs(c, cfg), { discardStdout: true })).ms;
}

/** Not timed: proves curl used one kept-alive connection and got 1,000 × 200 with that coding. */
async function curlCheck(c: Coding) {
  const out = await run('curl', [...curlArgs(c, cfgChecked), '-w', '%{num_connects} %{http_code} %{size_download}\n']);
  const lines = out.stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
  const connects = lines.reduce((n, l) => n + l[0], 0);
  if (lines.length !== N || lines.some((l) => l[1] !== 200)) throw new Error(`curl check: expected ${N} × 200, got ${out.stdout.slice(0, 200)}`);
  return { requests: lines.length, connects, wireBytesEach: lines[0][2] };
}

async function python(c: Coding) {
  const out = await run('python3', ['bench/peers/http_gets.py', '127.0.0.1', String(s.http.port), PATH, String(N), '200', c]);
  return JSON.parse(out.stdout) as { ms: number; status: number; contentEncoding: string | null; sha256: string; bytes: number; connects: number; python: string };
}

const withPython = await have('python3');
const rows: Row[] = [];
const details: Record<string, unknown> = { url, requests: N, runs: RUNS, porthole: { warmupAfterCold: WARMUP }, python: withPython ? undefined : 'python3 not found' };
try {
  // the first 1,000 of a fresh process: what a user sees right after start (context row below)
  const cold = await porthole('gzip');
  for (let i = 0; i < WARMUP; i++) await client.request({ url, headers: i % 2 ? [['Accept-Encoding', 'identity']] : [] });
  const startRuns: number[] = [];
  for (let i = 0; i < 5; i++) startRuns.push((await run('curl', ['-s', '-o', '/dev/null', url])).ms);
  details.curlStartMs = stat(startRuns);
  for (const c of ['gzip', 'identity'] as const) {
    await curl(c); // warm-up: binary and libraries in the page cache
    const p: number[] = [];
    const k: number[] = [];
    const y: number[] = [];
    let last: Awaited<ReturnType<typeof porthole>> | undefined;
    let py: Awaited<ReturnType<typeof python>> | undefined;
    for (let r = 0; r < RUNS; r++) {
      last = await porthole(c);
      p.push(last.ms);
      await pause();
      k.push(await curl(c));
      await pause();
      if (withPython) {
        py = await python(c);
        y.push(py.ms);
        if (py.sha256 !== last.sha256) throw new Error(`Python and Porthole disagree on the body: ${py.sha256} vs ${last.sha256}`);
        await pause();
      }
    }
    const check = await curlCheck(c);
    const sec = (ms: number[]) => stat(ms.map((x) => x / 1000));
    const what = `${N} GETs ${PATH}, ${c}`;
    if (c === 'gzip') {
      rows.push({ label: `${what}, cold (first in process) vs curl`, unit: 's', porthole: sec([cold.ms]), peer: { name: 'curl -K (1 process)', stat: sec(k) }, target: null });
    }
    rows.push({
      label: `${what} vs curl`,
      unit: 's',
      porthole: sec(p),
      peer: { name: 'curl -K (1 process)', stat: sec(k) },
      target: c === 'gzip' ? { kind: 'ratioMax', value: 1.5, text: '≤ 1.5× curl' } : null,
    });
    rows.push({
      label: `${what} vs Python`,
      unit: 's',
      porthole: sec(p),
      peer: { name: 'python http.client', stat: withPython ? sec(y) : null, note: withPython ? undefined : 'python3 not found' },
      target: null,
    });
    details[c] = { porthole: { ...last, runsMs: p, ...(c === 'gzip' ? { coldMs: cold.ms } : {}) }, curl: { ...check, runsMs: k }, python: py ? { ...py, runsMs: y } : null };
  }
} finally {
  client.close();
  await rm(work, { recursive: true, force: true });
}

emit({ bench: 'http-gets', command: 'PORTHOLE_SERVERS=…/servers.json npx tsx bench/http-gets.bench.ts --json', rows, details });
