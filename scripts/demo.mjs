// `npm run demo` (Debian, root): provisions the real test servers on loopback, starts the browser
// host with a fresh user-data dir whose URL inspector points at the test web server, prints the
// URL to open, and stops exactly the servers it started on Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildIfNeeded } from './lib.mjs';

buildIfNeeded();
const serversDir = mkdtempSync(join(tmpdir(), 'porthole-demo-servers-'));
const up = spawnSync('npx', ['tsx', 'testkit/servers/cli.ts', 'start', '--dir', serversDir], { cwd: ROOT, stdio: 'inherit' });
if (up.status !== 0) {
  console.error('[demo] the test servers did not start (see above)');
  process.exit(1);
}
const servers = JSON.parse(readFileSync(join(serversDir, 'servers.json'), 'utf8'));
const userData = mkdtempSync(join(tmpdir(), 'porthole-demo-data-'));
const demoUrl = `http://127.0.0.1:${servers.http.port}/redirect/chain1`;
console.log(`[demo] servers in ${serversDir}; test CA: ${servers.caCert}`);
console.log(`[demo] the URL inspector starts at ${demoUrl}`);

const host = spawn(process.execPath, [join(ROOT, 'out/main/host.js'), '--user-data', userData, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PORTHOLE_DEMO_URL: demoUrl, PORTHOLE_DEMO_CA: servers.caCert, PORTHOLE_SERVERS: join(serversDir, 'servers.json') },
});
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  host.kill('SIGTERM');
  spawnSync('npx', ['tsx', 'testkit/servers/cli.ts', 'stop', '--dir', serversDir, '--purge'], { cwd: ROOT, stdio: 'inherit' });
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(0));
host.on('exit', (code) => stop(code ?? 0));
