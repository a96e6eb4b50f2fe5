// `npm run start:web [-- --port N] [--user-data DIR]`: build if needed, then run the browser host
// (the renderer + the same IPC router over a token-protected WebSocket on 127.0.0.1).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildIfNeeded } from './lib.mjs';

buildIfNeeded();
const child = spawn(process.execPath, [join(ROOT, 'out/main/host.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
