import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the real entry (from source, through tsx) as `npm run start:web` would, on a temp dir.
const ROOT = resolve(__dirname, '../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-start-'));
  await mkdir(join(dir, 'root'));
  await writeFile(join(dir, 'root/index.html'), '<!doctype html><title>Porthole</title>');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const status = (port: number, host: string) =>
  new Promise<number>((res, rej) => {
    const r = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (m) => (m.resume(), res(m.statusCode ?? 0)));
    r.on('error', rej);
    r.end();
  });

describe('start.ts (npm run start:web)', () => {
  it('prints one line with the URL, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'main/host/start.ts'), '--no-open', '--user-data', join(dir, 'data'), '--static', join(dir, 'root')],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORTHOLE_SECRETS_PASSPHRASE: '' } },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const line = await new Promise<string>((res, rej) => {
      const t = setTimeout(() => rej(new Error(`no URL printed; stdout: ${out}`)), 25_000);
      child.stdout.on('data', () => {
        if (!out.includes('\n')) return;
        clearTimeout(t);
        res(out.split('\n')[0]!);
      });
    });
    const m = /^Porthole is at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{64}))$/.exec(line);
    expect(m, line).not.toBeNull();
    const port = Number(m![2]);
    expect(await status(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await status(port, `localhost:${port}`)).toBe(421);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await readFile(join(dir, 'data/porthole.log'), 'utf8')).toContain('host: stopping');
  }, 40_000);

  it('refuses a bad flag with usage and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/host/start.ts'), '--port', 'abc'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/--port/);
    expect(err).toMatch(/Usage/);
  }, 40_000);
});
