// `npm test`: the whole suite, the way CI runs it. Provisions what it needs (Debian packages for
// the real servers and Chromium, as root), starts the servers in a fresh directory, runs every
// level, and stops exactly the servers it started — also when interrupted.
//
//   lint → typecheck → unit → build → package:check → servers up → int → e2e → servers down
//
// The last line is `tests: N passed, N failed, N skipped` over all vitest projects; the exit code
// is non-zero when any step failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, '.tmp', 'results');
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const t0 = Date.now();

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.on('exit', (code, sig) => {
      current = null;
      resolve(code ?? (sig ? 1 : 0));
    });
  });
}
let current = null;

async function step(name, cmd, args, env) {
  const s = Date.now();
  console.log(`\n=== ${name} ===`);
  const code = await run(cmd, args, env);
  const secs = ((Date.now() - s) / 1000).toFixed(1);
  if (code !== 0) failures.push(name);
  console.log(`=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s ===`);
  return code === 0;
}

function countVitest(project) {
  const f = join(RESULTS, `${project}.json`);
  if (!existsSync(f)) return;
  const r = JSON.parse(readFileSync(f, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

const vitest = (project, env) =>
  step(`${project} tests`, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${join(RESULTS, `${project}.json`)}`], env).finally(() => countVitest(project));

let serversDir = null;
async function stopServers() {
  if (!serversDir) return;
  const dir = serversDir;
  serversDir = null;
  await step('stop servers', 'npx', ['tsx', 'testkit/servers/cli.ts', 'stop', '--dir', dir, '--purge']);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    current?.kill(sig);
    await stopServers();
    process.exit(130);
  });
}

await step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
await step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
await vitest('unit');
const built = await step('build', 'npx', ['electron-vite', 'build']);
if (built) await step('package check', 'node', ['scripts/package-check.mjs']);

try {
  const browserOk = await step('chromium', 'npx', ['tsx', 'testkit/chromium.ts']);
  serversDir = mkdtempSync(join(tmpdir(), 'porthole-servers-'));
  const up = await step('start servers', 'npx', ['tsx', 'testkit/servers/cli.ts', 'start', '--dir', serversDir]);
  if (up) {
    const env = { PORTHOLE_SERVERS: join(serversDir, 'servers.json') };
    await vitest('int', env);
    if (built && browserOk) await vitest('e2e', env);
    else console.log('e2e skipped: ' + (built ? 'Chromium could not be provisioned' : 'the build failed'));
  }
} finally {
  await stopServers();
}

const mins = ((Date.now() - t0) / 60000).toFixed(1);
console.log(`\nsteps failed: ${failures.length ? failures.join(', ') : 'none'} (${mins} min)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
