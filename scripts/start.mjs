// `npm start`: build, then launch the Electron app. Where the Electron binary is not on disk (its
// first run downloads it, which fails on machines without internet access), say so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildIfNeeded, electronBinary } from './lib.mjs';

buildIfNeeded();
let bin = electronBinary();
if (!bin) {
  // Electron ≥ 42 fetches its binary on first use; try that once, quietly.
  spawnSync(process.execPath, [join(ROOT, 'node_modules/electron/install.js')], { stdio: 'ignore', timeout: 120_000 });
  bin = electronBinary();
}
if (!bin) {
  console.error('[porthole] The Electron binary is not installed here and could not be downloaded; run `npm run start:web` to use Porthole in a browser instead.');
  process.exit(1);
}
const child = spawn(bin, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
