import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Process and socket facts straight from /proc. The kit never signals anything by name: it finds
 * its daemons through pid files, confirms each pid still runs the expected binary, and names
 * strangers on its ports by pid, comm and command line.
 */

/** State letter from /proc/PID/stat (R, S, D, Z, X, ...) or null when the pid is gone. */
export function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may itself contain ") ", so split at the LAST parenthesis
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] || null;
  } catch {
    return null;
  }
}

/** True when the pid exists and is not a zombie: `kill -0` succeeds on zombies, so it is not enough. */
export function isAlive(pid: number): boolean {
  const s = procState(pid);
  return s !== null && s !== 'Z' && s !== 'X';
}

/** The binary a pid runs (readlink /proc/PID/exe), or null if unreadable. */
export function exeOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/** Does pid run `exe`? A package upgrade leaves "/usr/sbin/nginx (deleted)", which still counts. */
export function runsExe(pid: number, exe: string): boolean {
  const real = exeOf(pid);
  return real !== null && (real === exe || real.startsWith(`${exe} `));
}

function allPids(): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

function ppidOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** All descendants of `root` (not root itself), from one snapshot of the parent links. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const pp = ppidOf(pid);
    if (pp === null) continue;
    const list = children.get(pp) ?? [];
    list.push(pid);
    children.set(pp, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const k of children.get(queue.shift()!) ?? []) {
      out.push(k);
      queue.push(k);
    }
  }
  return out;
}

/** "pid 123 dovecot (/usr/sbin/dovecot -c /tmp/x/dovecot.conf)" — what a human needs to act on. */
export function describeProcess(pid: number): string {
  let comm = '?';
  let cmd = '';
  try { comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { /* gone meanwhile */ }
  try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' '); } catch { /* gone */ }
  return `pid ${pid} ${comm}${cmd ? ` (${cmd})` : ''}`;
}

export interface Listener {
  family: 4 | 6;
  /** local address as the kernel prints it (hex), kept for diagnostics */
  addrHex: string;
  port: number;
  inode: string;
}

/** Parses /proc/net/tcp or tcp6 text into its LISTEN sockets (state 0A). */
export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue;
    const [addrHex, portHex] = f[1].split(':');
    out.push({ family, addrHex, port: parseInt(portHex, 16), inode: f[9] });
  }
  return out;
}

/** Every TCP listener in this network namespace, IPv4 and IPv6. */
export function listeners(): Listener[] {
  const read = (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return ''; } };
  return [...parseProcNetTcp(read('/proc/net/tcp'), 4), ...parseProcNetTcp(read('/proc/net/tcp6'), 6)];
}

/** Maps socket inodes to the pids holding them, by scanning /proc/PID/fd links ("socket:[inode]"). */
export function socketOwners(inodes: Iterable<string>): Map<string, number[]> {
  const wanted = new Set(inodes);
  const owners = new Map<string, number[]>();
  if (wanted.size === 0) return owners;
  for (const pid of allPids()) {
    let fds: string[];
    try { fds = readdirSync(`/proc/${pid}/fd`); } catch { continue; }
    for (const fd of fds) {
      let link: string;
      try { link = readlinkSync(`/proc/${pid}/fd/${fd}`); } catch { continue; }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (!m || !wanted.has(m[1])) continue;
      const list = owners.get(m[1]) ?? [];
      if (!list.includes(pid)) list.push(pid);
      owners.set(m[1], list);
    }
  }
  return owners;
}

/** For each of `ports` that something listens on: the pids holding it (empty if not visible to us). */
export function portHolders(ports: Iterable<number>): Map<number, number[]> {
  const want = new Set(ports);
  const ls = listeners().filter((l) => want.has(l.port));
  const owners = socketOwners(ls.map((l) => l.inode));
  const out = new Map<number, number[]>();
  for (const l of ls) {
    const pids = out.get(l.port) ?? [];
    for (const p of owners.get(l.inode) ?? []) if (!pids.includes(p)) pids.push(p);
    out.set(l.port, pids);
  }
  return out;
}

/** Which of `ports` have a listener on the given families (cheap: no fd scan). */
export function listeningPorts(): Set<string> {
  return new Set(listeners().map((l) => `${l.family}:${l.port}`));
}

/** Proportional set size of a pid in kB (0 if unreadable), for `status`. */
export function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
