/**
 * The test servers for `npm run bench`, through the test kit's own CLI (testkit/servers/cli.ts):
 * reuse the set PORTHOLE_SERVERS names (and leave it running), or start a fresh set in a new temp
 * dir and stop exactly that set afterwards. Several sets may already run on this machine (other
 * developers, test runs), so without PORTHOLE_PORT_BASE the first port base whose ports are all
 * free is used; the kit itself refuses a held port, which is how a busy base is recognised.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KIT = 'testkit/servers/cli.ts';
/** tried in order when PORTHOLE_PORT_BASE is not set (10000 is the kit's default) */
const BASES = [10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000];

function kit(args, env) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', KIT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.once('error', (e) => resolve({ code: -1, out, err: `${err}${e.message}` }));
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * @returns {Promise<{ json: string, info: object, reused: boolean, portBase: number, stop: () => Promise<void> }>}
 */
export async function ensureServers(log) {
  const given = process.env.PORTHOLE_SERVERS;
  if (given) {
    if (!existsSync(given)) throw new Error(`PORTHOLE_SERVERS names ${given}, which does not exist`);
    const info = JSON.parse(readFileSync(given, 'utf8'));
    log(`servers: reusing ${given} (port base ${info.portBase}); it stays running`);
    return { json: given, info, reused: true, portBase: info.portBase, stop: async () => {} };
  }
  const bases = process.env.PORTHOLE_PORT_BASE ? [Number(process.env.PORTHOLE_PORT_BASE)] : BASES;
  const busy = [];
  for (const base of bases) {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-bench-servers-'));
    chmodSync(dir, 0o755); // the daemons' unprivileged workers must reach it
    const env = { ...process.env, PORTHOLE_PORT_BASE: String(base) };
    const r = await kit(['start', '--dir', dir], env);
    const line = r.out.split('\n').find((l) => l.startsWith('PORTHOLE_SERVERS='));
    if (r.code === 0 && line) {
      const json = line.slice('PORTHOLE_SERVERS='.length).trim();
      log(`servers: started in ${dir} (port base ${base})`);
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        const s = await kit(['stop', '--dir', dir, '--purge'], env);
        if (s.code !== 0) throw new Error(`stopping the servers in ${dir} failed:\n${s.err.trim()}`);
        log(`servers: stopped and removed ${dir}`);
      };
      return { json, info: JSON.parse(readFileSync(json, 'utf8')), reused: false, portBase: base, stop };
    }
    rmSync(dir, { recursive: true, force: true });
    // another set holds this base's ports: try the next one; anything else is a real failure
    if (!/ports they need are held/.test(r.err)) throw new Error(`the test kit could not start the servers (port base ${base}):\n${r.err.trim()}`);
    busy.push(base);
  }
  throw new Error(`every port base tried is in use (${busy.join(', ')}): set PORTHOLE_PORT_BASE to a free one, or PORTHOLE_SERVERS to a running set`);
}
