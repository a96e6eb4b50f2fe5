// Small helpers shared by the scripts (plain Node ESM, no build step needed).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron executable if it is on disk, else null. Never triggers electron's lazy download. */
export function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  const full = join(dist, rel);
  return existsSync(full) ? full : null;
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const OUTPUTS = ['out/main/index.js', 'out/main/host.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** True when out/ is missing a piece or older than any source file. */
export function buildIsStale() {
  const outs = OUTPUTS.map((p) => join(ROOT, p));
  if (!outs.every((p) => existsSync(p))) return true;
  const built = Math.min(...outs.map((p) => statSync(p).mtimeMs));
  const src = Math.max(...['main', 'preload', 'renderer', 'shared'].map((d) => newestMtime(join(ROOT, d))), statSync(join(ROOT, 'electron.vite.config.ts')).mtimeMs);
  return src > built;
}

/** Runs `npm run build` when needed; exits the process on failure. */
export function buildIfNeeded({ quiet = false } = {}) {
  if (!buildIsStale()) return;
  if (!quiet) console.log('[porthole] building (electron-vite build)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: quiet ? 'pipe' : 'inherit' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write(String(r.stdout) + String(r.stderr));
    console.error('[porthole] build failed');
    process.exit(r.status ?? 1);
  }
}
