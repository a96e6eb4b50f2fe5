#!/usr/bin/env node
/**
 * `npm run bench`: Porthole side by side with a peer, in the same run (speed and memory targets
 * live here, never as timing asserts in tests). Ensures the peers exist (curl is installed with
 * apt-get when missing, as root), starts the test servers through the test kit unless
 * PORTHOLE_SERVERS names a running set, runs each bench as `npx tsx bench/<name>.bench.ts --json`,
 * prints one table (bench, Porthole, peer, ratio, target, verdict) and writes
 * bench/results/latest.json (git-ignored) with the machine, node version and every number.
 *
 * Exit 0 when every bench ran, whatever the verdicts (it reports; it is not a test); non-zero
 * when a bench crashed or the servers could not be started.
 *
 *   npm run bench                      all benches
 *   npm run bench -- --only http-gets  a subset (comma-separated names)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServers } from './lib/servers.mjs';
import { table, verdict } from './lib/table.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const BENCHES = ['http-gets', 'download', 'robots-python'];
/** a bench past this is killed and counted as crashed (the whole run should stay ~3 min) */
const BENCH_TIMEOUT_MS = 240_000;

const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const onPath = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const firstLine = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
  } catch {
    return null;
  }
};

/** curl is the peer of two benches: install it when missing (root + apt-get), else fail naming it. */
function ensurePeers() {
  if (!onPath('curl')) {
    if (process.getuid?.() !== 0 || !onPath('apt-get')) throw new Error('the benchmark peer `curl` is missing: install it (apt-get install curl) or run as root so the bench installs it');
    log('installing curl (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      apt(['install', '-y', '--no-install-recommends', 'curl']);
    } catch {
      apt(['update']); // a fresh machine may have no package lists yet
      apt(['install', '-y', '--no-install-recommends', 'curl']);
    }
    if (!onPath('curl')) throw new Error('apt-get installed curl but `curl` is still not on PATH');
  }
  if (!onPath('python3')) log('python3 not found: the Python peers are reported as n/a');
  return { curl: firstLine('curl', ['--version']), python: firstLine('python3', ['--version']) };
}

let current = null; // the running bench's child process (its own process group)

/** Runs one bench; resolves { doc } or { error } (crash: exit code, signal, timeout or bad JSON). */
function runBench(name, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    // detached: its own process group, so a stop (SIGINT, timeout) reaches npx, tsx and node alike
    const child = spawn('npx', ['tsx', `bench/${name}.bench.ts`, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      err += `\nkilled after ${BENCH_TIMEOUT_MS / 1000} s`;
      process.kill(-child.pid, 'SIGTERM');
    }, BENCH_TIMEOUT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      const wallMs = Math.round(performance.now() - t0);
      if (code !== 0) return resolve({ name, wallMs, error: `exit ${code ?? signal}: ${err.trim() || '(no stderr)'}` });
      try {
        resolve({ name, wallMs, doc: JSON.parse(out.trim().split('\n').pop()), stderr: err.trim() || undefined });
      } catch {
        resolve({ name, wallMs, error: `no JSON document on stdout: ${out.slice(0, 300)}${err.slice(0, 300)}` });
      }
    });
  });
}

async function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : BENCHES;
  const unknown = only.filter((n) => !BENCHES.includes(n));
  if (unknown.length) throw new Error(`unknown bench ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  const startedAt = new Date().toISOString();
  const loadStart = loadavg();
  const cpu = cpus();
  const tools = ensurePeers();
  log(`machine: ${cpu.length} cpus (${cpu[0]?.model ?? '?'}), load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} at start; node ${process.version}; ${tools.curl}; ${tools.python ?? 'no python3'}`);

  // a signal stops the running bench (it deletes its own files), then the servers: in that order
  let stopping = false;
  const onSignal = (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping the running bench, then the servers this run started`);
    try {
      if (current) process.kill(-current.pid, sig);
    } catch { /* already gone */ }
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const srv = await ensureServers(log);
  const results = [];
  try {
    const env = { ...process.env, PORTHOLE_SERVERS: srv.json };
    for (const name of only) {
      if (stopping) break;
      log(`running ${name}…`);
      const r = await runBench(name, env);
      if (stopping) break;
      log(r.error ? `${name} CRASHED after ${r.wallMs} ms: ${r.error}` : `${name} done in ${(r.wallMs / 1000).toFixed(1)} s`);
      results.push(r);
    }
  } finally {
    await srv.stop();
  }
  if (stopping) return 130;

  const loadEnd = loadavg();
  console.log(`\nnpm run bench — ${startedAt}; ${cpu.length} cpus, load ${loadStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end; node ${process.version}`);
  console.log('values: median of the runs (min–max); ratio = Porthole ÷ peer\n');
  console.log(table(results));
  const crashed = results.filter((r) => r.error);
  const doc = {
    command: `npm run bench${only === BENCHES ? '' : ` -- --only ${only.join(',')}`}`,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpu.length, model: cpu[0]?.model ?? null, loadavgStart: loadStart, loadavgEnd: loadEnd, totalMemMiB: Math.round(totalmem() / 2 ** 20), freeMemMiBStart: Math.round(freemem() / 2 ** 20), platform: process.platform, release: release() },
    node: process.version,
    tools,
    git: firstLine('git', ['rev-parse', 'HEAD']),
    servers: { reused: srv.reused, portBase: srv.portBase },
    benches: results.map((r) => (r.error
      ? { name: r.name, wallMs: r.wallMs, error: r.error }
      : { name: r.name, wallMs: r.wallMs, command: r.doc.command, rows: r.doc.rows.map((row) => ({ ...row, ...verdict(row) })), details: r.doc.details })),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`\nall numbers: bench/results/latest.json${crashed.length ? `\n${crashed.length} bench(es) crashed: ${crashed.map((r) => r.name).join(', ')}` : ''}`);
  return crashed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`ERROR: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
