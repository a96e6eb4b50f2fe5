import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeProcess, portHolders } from './proc';

/** If a holder's command line names a file inside a kit/recipe servers dir, say how to stop that set. */
function kitHint(pid: number): string {
  let args: string[] = [];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch { return ''; }
  for (const a of args) {
    const m = /(?:^|=)(\/\S+)$/.exec(a);
    if (!m) continue;
    let d = dirname(m[1]);
    for (let i = 0; i < 3 && d !== '/'; i++, d = dirname(d)) {
      if (existsSync(join(d, 'servers.json'))) return ` — servers of ${d}; if yours: npx tsx testkit/servers/cli.ts stop --dir ${d}`;
    }
  }
  return '';
}

/**
 * Refuses to go on when any of `ports` is already listened on, naming each holder by pid, comm
 * and command line (found via the socket inode in /proc/net/tcp{,6} and /proc/PID/fd). The kit
 * starts in a fresh directory, so whoever holds a port is not ours.
 */
export function assertPortsFree(ports: number[], what: (port: number) => string): void {
  const held = portHolders(ports);
  if (held.size === 0) return;
  const lines = [...held.entries()].sort((a, b) => a[0] - b[0]).map(([port, pids]) => {
    const who = pids.length
      ? pids.slice(0, 3).map((p) => `${describeProcess(p)}${kitHint(p)}`).join('; ')
      : 'a process not visible from here (another user or container)';
    return `  port ${port} (${what(port)}): held by ${who}`;
  });
  throw new Error(`cannot start the test servers: ports they need are in use by processes this kit did not start:\n${lines.join('\n')}\n` +
    'Stop those, or use another port base: PORTHOLE_PORT_BASE=20000 (ports are derived from it).');
}
