#!/usr/bin/env node
'use strict';
// `npx porthole …`: runs the built CLI (out/main/cli.js, an ES module, so it is import()ed).
// For development without a build: npx tsx main/cli/index.ts …
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('porthole: the CLI is not built yet: run `npm run build` first (or use `npx tsx main/cli/index.ts …`)\n');
  process.exit(1);
}
import(pathToFileURL(cli).href).catch((e) => {
  process.stderr.write(`porthole: cannot start the CLI: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
