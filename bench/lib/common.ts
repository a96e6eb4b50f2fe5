import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ServersInfo } from '../../testkit/servers-info';

/**
 * What every bench prints with `--json` (one document on stdout) and bench/run.mjs turns into
 * its table. A row compares Porthole with ONE peer measured in the same run; the verdict is
 * computed by run.mjs from `target`, never asserted here (a bench reports, it is not a test).
 */
export interface Stat {
  median: number;
  min: number;
  max: number;
  /** every measured run, in order */
  runs: number[];
}

export interface Target {
  /** ratio = porthole.median / peer.median; abs = porthole.median itself */
  kind: 'ratioMax' | 'ratioMin' | 'absMax';
  value: number;
  /** as printed, e.g. "≤ 1.5× curl" */
  text: string;
}

export interface Row {
  label: string;
  unit: string;
  porthole: Stat;
  /** stat null = the peer is not installed (named in note) */
  peer: { name: string; stat: Stat | null; note?: string };
  /** null = reported for context only, no verdict */
  target: Target | null;
}

export interface BenchDoc {
  bench: string;
  /** how to reproduce this bench alone */
  command: string;
  rows: Row[];
  /** every other number (configs, digests, per-run facts) for results/latest.json */
  details: Record<string, unknown>;
}

export function stat(runs: number[]): Stat {
  const s = [...runs].sort((a, b) => a - b);
  // lower median for an even count: never invent a value that was not measured
  return { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1], runs };
}

/** Reads the servers.json named by PORTHOLE_SERVERS (bench/run.mjs sets it). */
export function servers(): ServersInfo {
  const p = process.env.PORTHOLE_SERVERS;
  if (!p) throw new Error('PORTHOLE_SERVERS is not set: run `npm run bench` (it starts the test servers) or start them with `npx tsx testkit/servers/cli.ts start`');
  return JSON.parse(readFileSync(p, 'utf8')) as ServersInfo;
}

export interface Ran {
  ms: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and times it by wall clock from spawn to exit (so a peer's
 * process start is inside its number: the honest cost of using that tool). Non-zero exit throws.
 */
export function run(cmd: string, args: string[], opts: SpawnOptions & { discardStdout?: boolean } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', opts.discardStdout ? 'ignore' : 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

/** Whether a program is on PATH (peers that are optional: python3, /usr/bin/time). */
export async function have(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/** `--json` → the document on stdout; otherwise a short human summary. */
export function emit(doc: BenchDoc): void {
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(doc)}\n`);
    return;
  }
  console.log(`${doc.bench}   (${doc.command})`);
  const f = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
  for (const r of doc.rows) {
    const p = r.porthole;
    const q = r.peer.stat;
    const ratio = q ? ` ratio ${(p.median / q.median).toFixed(2)}` : '';
    console.log(`  ${r.label}: Porthole ${f(p.median)} ${r.unit} [${f(p.min)}–${f(p.max)}]  ${r.peer.name} ${q ? `${f(q.median)} ${r.unit} [${f(q.min)}–${f(q.max)}]` : `n/a (${r.peer.note ?? 'missing'})`}${ratio}  target ${r.target?.text ?? '—'}`);
  }
}

/** Lets the event loop and other processes settle between timed runs (the machine is shared). */
export const pause = (ms = 100) => new Promise((r) => setTimeout(r, ms));
