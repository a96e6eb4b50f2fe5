import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeProcess, portHolders } from './proc';

function ppid(pid: number): number | null {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** A servers dir (one holding servers.json) that a holder's command line points into, if any. */
function kitDirOf(pid: number): string | null {
  let args: string[];
  try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { return null; }
  for (const a of args) {
    const m = /(?:^|=)(\/\S+)$/.exec(a);
    if (!m) continue;
    for (let d = dirname(m[1]), i = 0; i < 3 && d !== '/'; i++, d = dirname(d)) {
      if (existsSync(join(d, 'servers.json'))) return d;
    }
  }
  return null;
}

/**
 * Refuses to go on when any of `ports` is already listened on, naming each holder by pid, comm
 * and command line (found via the socket inode in /proc/net/tcp{,6} and /proc/PID/fd). The kit
 * starts in a fresh directory, so whoever holds a port is not ours.
 */
export function assertPortsFree(ports: number[], what: (port: number) => string, base: number): void {
  const held = portHolders(ports);
  if (held.size === 0) return;
  // one line per holding process; a worker that inherited its master's socket is not listed
  const byPid = new Map<number, number[]>();
  const invisible: number[] = [];
  for (const [port, pids] of held) {
    const top = pids.filter((p) => !pids.includes(ppid(p) ?? -1));
    if (!top.length) invisible.push(port);
    for (const p of top) byPid.set(p, [...(byPid.get(p) ?? []), port]);
  }
  const fmt = (ps: number[]) => ps.sort((a, b) => a - b).map((p) => `${p} (${what(p)})`).join(', ');
  const lines = [...byPid].map(([pid, ps]) => {
    const d = describeProcess(pid);
    return `  ${d.length > 200 ? `${d.slice(0, 200)}…` : d} holds ${fmt(ps)}`;
  });
  if (invisible.length) lines.push(`  a process not visible from here (another user or container) holds ${fmt(invisible)}`);
  const kitDirs = [...new Set([...byPid.keys()].map(kitDirOf).filter((d): d is string => d !== null))];
  const hint = kitDirs.map((d) => `${d} is a test-server set; if it is yours: npx tsx testkit/servers/cli.ts stop --dir ${d}\n`).join('');
  throw new Error(`cannot start the test servers (port base ${base}): ports they need are held by processes this kit did not start:\n${lines.join('\n')}\n` +
    `${hint}Otherwise stop those processes or choose another port base with PORTHOLE_PORT_BASE (ports are derived from it).`);
}
