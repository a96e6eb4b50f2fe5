/**
 * npx tsx testkit/servers/cli.ts start|stop|status [--dir DIR] [--purge]
 *
 * start  : install missing packages (root), generate configs in a fresh dir (default: new temp
 *          dir), start, wait for every port; prints `PORTHOLE_SERVERS=<dir>/servers.json`.
 * stop   : stop exactly what that dir's pid files name (--purge also deletes the dir).
 * status : state, pid, process count and memory of each daemon.
 * Without --dir, stop/status use the dir of $PORTHOLE_SERVERS, else the last one `start` made
 * for this PORTHOLE_PORT_BASE (remembered in <tmp>/porthole-servers-<base>.current).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { portBaseFromEnv, serversStatus, startServers, stopServers } from './index';

function usage(): never {
  process.stderr.write('usage: npx tsx testkit/servers/cli.ts start|stop|status [--dir DIR] [--purge]\n');
  process.exit(2);
}

const pointerFile = (base: number) => join(tmpdir(), `porthole-servers-${base}.current`);

function findDir(explicit: string | undefined, base: number): string {
  if (explicit) return resolve(explicit);
  if (process.env.PORTHOLE_SERVERS) return dirname(resolve(process.env.PORTHOLE_SERVERS));
  const ptr = pointerFile(base);
  if (existsSync(ptr)) return readFileSync(ptr, 'utf8').trim();
  throw new Error(`no servers directory known for port base ${base}: pass --dir DIR or set PORTHOLE_SERVERS`);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  let dir: string | undefined;
  let purge = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--dir' && rest[i + 1]) dir = rest[++i];
    else if (rest[i].startsWith('--dir=')) dir = rest[i].slice(6);
    else if (rest[i] === '--purge') purge = true;
    else usage();
  }
  const base = portBaseFromEnv();
  switch (cmd) {
    case 'start': {
      const info = await startServers({ dir, portBase: base });
      writeFileSync(pointerFile(base), `${info.dir}\n`);
      process.stdout.write(`PORTHOLE_SERVERS=${join(info.dir, 'servers.json')}\n`);
      return;
    }
    case 'stop': {
      const d = findDir(dir, base);
      await stopServers(d, { purge });
      const ptr = pointerFile(base);
      if (existsSync(ptr) && readFileSync(ptr, 'utf8').trim() === d) rmSync(ptr);
      process.stderr.write(`[servers] stopped ${d}${purge ? ' and removed it' : ''}\n`);
      return;
    }
    case 'status': {
      const d = findDir(dir, base);
      process.stdout.write(`${d}\n`);
      let total = 0;
      for (const s of serversStatus(d)) {
        total += s.pssKb ?? 0;
        process.stdout.write(s.state === 'running'
          ? `${s.name.padEnd(8)} running  pid=${String(s.pid).padEnd(7)} procs=${String(s.procs).padEnd(3)} PSS=${s.pssKb} kB\n`
          : `${s.name.padEnd(8)} ${s.state}${s.pid ? ` (pid ${s.pid})` : ''}\n`);
      }
      process.stdout.write(`TOTAL    PSS=${total} kB (${(total / 1024).toFixed(1)} MiB)\n`);
      return;
    }
    default:
      usage();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`[servers] ERROR: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
