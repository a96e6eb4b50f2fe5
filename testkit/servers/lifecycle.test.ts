import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkPidFile, stopService } from './lifecycle';
import { descendants, isAlive } from './proc';
import type { ServiceDef } from './services';

const dir = mkdtempSync(join(tmpdir(), 'porthole-lifecycle-'));
const pidFile = join(dir, 'svc.pid');
const started: number[] = [];
afterEach(() => {
  for (const p of started.splice(0)) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
  rmSync(pidFile, { force: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function svc(exe: string): ServiceDef {
  return { name: 'nginx', exe, pidFile: () => pidFile, listens: () => [], command: () => ['/bin/false', []] };
}

async function waitDead(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 100 && pids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 20));
  return !pids.some(isAlive);
}

describe('stopService', () => {
  it('stops the pid-file process that runs the expected binary, and removes the pid file', async () => {
    const p = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
    started.push(p.pid!);
    writeFileSync(pidFile, `${p.pid}\n`);
    const def = svc(realpathSync('/bin/sleep'));
    expect(checkPidFile(def, dir)).toEqual({ state: 'running', pid: p.pid });
    await stopService(def, dir, () => {});
    expect(await waitDead([p.pid!])).toBe(true);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('never signals a pid that now runs another binary (pid reuse)', async () => {
    writeFileSync(pidFile, `${process.pid}\n`);
    const logs: string[] = [];
    await stopService(svc('/usr/sbin/nginx'), dir, (l) => logs.push(l));
    expect(isAlive(process.pid)).toBe(true);
    expect(logs.join('\n')).toMatch(/not touching it/);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('KILLs a master that ignores TERM, and its descendants, after the grace period', async () => {
    const sh = spawn('/bin/sh', ['-c', 'trap "" TERM; /bin/sleep 30 & wait'], { stdio: 'ignore' });
    started.push(sh.pid!);
    for (let i = 0; i < 100 && descendants(sh.pid!).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const kids = descendants(sh.pid!);
    expect(kids.length).toBe(1);
    started.push(...kids);
    writeFileSync(pidFile, `${sh.pid}\n`);
    const logs: string[] = [];
    await stopService(svc(realpathSync('/bin/sh')), dir, (l) => logs.push(l), 300);
    expect(await waitDead([sh.pid!, ...kids])).toBe(true);
    expect(logs.join('\n')).toMatch(/KILL/);
  });
});
