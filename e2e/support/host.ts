import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningHost {
  /** the page URL including `#token=…` */
  url: string;
  origin: string;
  userData: string;
  stop(): Promise<void>;
}

/**
 * Starts the **built** browser host (`out/main/host.js`, what `npm run start:web` runs) as a child
 * process on a random port with a fresh user-data dir, and resolves when it prints its URL.
 */
export async function startHost(env: Record<string, string> = {}): Promise<RunningHost> {
  const entry = join(ROOT, 'out/main/host.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const userData = mkdtempSync(join(tmpdir(), 'porthole-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [entry, '--port', '0', '--user-data', userData, '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not print its URL in 20 s; output:\n${out}`)), 20_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; output:\n${out}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    userData,
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
