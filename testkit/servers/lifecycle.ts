import { readFileSync, rmSync } from 'node:fs';
import { descendants, isAlive, pssKb, runsExe } from './proc';
import { SERVICES, type ServiceDef } from './services';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readPid(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').split('\n')[0].replace(/\D/g, ''));
    return n > 1 ? n : null;
  } catch {
    return null;
  }
}

export type PidCheck =
  | { state: 'running'; pid: number }
  | { state: 'stopped' }
  | { state: 'stale'; pid: number }
  | { state: 'foreign'; pid: number; exe: string };

/** What a service's pid file points at: ours (running the expected binary), nothing, or a stranger. */
export function checkPidFile(svc: ServiceDef, dir: string): PidCheck {
  const pid = readPid(svc.pidFile(dir));
  if (pid === null) return { state: 'stopped' };
  if (!isAlive(pid)) return { state: 'stale', pid };
  // pid reused by something else since: never signal it
  if (!runsExe(pid, svc.exe)) {
    let exe = '?';
    try { exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]; } catch { /* gone */ }
    return { state: 'foreign', pid, exe };
  }
  return { state: 'running', pid };
}

/** The running master pids of a servers directory, with their descendants. */
export function ownPids(dir: string): Set<number> {
  const out = new Set<number>();
  for (const s of SERVICES) {
    const c = checkPidFile(s, dir);
    if (c.state !== 'running') continue;
    out.add(c.pid);
    for (const d of descendants(c.pid)) out.add(d);
  }
  return out;
}

/**
 * Stops one service of `dir`: TERM to the master, then — once the master is gone — TERM to any
 * descendant still alive (telnet or FTP sessions outlive their daemon), KILL after `graceMs`.
 * Only pids from the pid file and their descendants are ever signalled.
 */
export async function stopService(svc: ServiceDef, dir: string, log: (s: string) => void, graceMs = 10_000): Promise<void> {
  const c = checkPidFile(svc, dir);
  if (c.state === 'foreign') log(`${svc.name}: pid ${c.pid} now runs ${c.exe}, not ${svc.exe}: not touching it`);
  if (c.state !== 'running') {
    rmSync(svc.pidFile(dir), { force: true });
    return;
  }
  const pids = [c.pid, ...descendants(c.pid)];
  log(`stopping ${svc.name} (pids ${pids.join(' ')})`);
  const signal = (pid: number, sig: NodeJS.Signals) => { try { process.kill(pid, sig); } catch { /* already gone */ } };
  signal(c.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let left = pids.filter(isAlive);
  while (left.length && Date.now() < deadline) {
    if (!isAlive(c.pid)) for (const p of left) signal(p, 'SIGTERM');
    await sleep(100);
    left = left.filter(isAlive);
  }
  for (const p of left) {
    log(`${svc.name}: KILL ${p}`);
    signal(p, 'SIGKILL');
  }
  rmSync(svc.pidFile(dir), { force: true });
}

/** Stops every service of `dir` in reverse start order (concurrently: they do not depend on each other going down). */
export async function stopAll(dir: string, log: (s: string) => void): Promise<void> {
  await Promise.all([...SERVICES].reverse().map((s) => stopService(s, dir, log)));
}

export interface ServiceStatus {
  name: string;
  state: PidCheck['state'];
  pid?: number;
  procs?: number;
  pssKb?: number;
}

/** Per service: state, master pid, process count and PSS memory of its tree. */
export function statusAll(dir: string): ServiceStatus[] {
  return SERVICES.map((s) => {
    const c = checkPidFile(s, dir);
    if (c.state !== 'running') return { name: s.name, state: c.state, ...('pid' in c ? { pid: c.pid } : {}) };
    const tree = [c.pid, ...descendants(c.pid)];
    return { name: s.name, state: c.state, pid: c.pid, procs: tree.length, pssKb: tree.reduce((a, p) => a + pssKb(p), 0) };
  });
}
