// `npm run package:check`: runs electron-builder for linux-unpacked against a stub Electron dist
// (the real binary cannot be downloaded here) and checks the app.asar holds the built main,
// preload and renderer. Catches a broken electron-builder.yml or `files` list before a release.
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT, buildIfNeeded } from './lib.mjs';

const require = createRequire(import.meta.url);
buildIfNeeded({ quiet: true });
const version = require('electron/package.json').version;
const work = mkdtempSync(join(tmpdir(), 'porthole-pkg-'));
const stub = join(work, 'electron-stub');
mkdirSync(stub);
writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho stub electron\n');
chmodSync(join(stub, 'electron'), 0o755);
writeFileSync(join(stub, 'LICENSE'), 'stub');
writeFileSync(join(stub, 'version'), version);
const outDir = join(work, 'dist');
const r = spawnSync('npx', ['electron-builder', '--linux', 'dir', `-c.electronDist=${stub}`, `-c.electronVersion=${version}`, '-c.npmRebuild=false', `-c.directories.output=${outDir}`, '--publish', 'never'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  console.error('package:check: electron-builder failed');
  process.exit(1);
}
const asar = join(outDir, 'linux-unpacked', 'resources', 'app.asar');
if (!existsSync(asar)) {
  console.error(`package:check: ${asar} was not produced`);
  process.exit(1);
}
const { listPackage } = require('@electron/asar');
const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
const needed = ['/package.json', '/out/main/index.js', '/out/main/host.js', '/out/main/cli.js', '/out/preload/index.cjs', '/out/renderer/index.html'];
const missing = needed.filter((f) => !files.has(f));
const leaked = [...files].filter((f) => /^\/(main|renderer|shared|preload|e2e|testkit|scripts|bench)\//.test(f));
rmSync(work, { recursive: true, force: true });
if (missing.length || leaked.length) {
  if (missing.length) console.error(`package:check: app.asar lacks ${missing.join(', ')}`);
  if (leaked.length) console.error(`package:check: app.asar holds sources/tests: ${leaked.slice(0, 5).join(', ')}`);
  process.exit(1);
}
console.log(`package:check: linux-unpacked built; app.asar holds ${files.size} entries incl. ${needed.join(' ')}`);
