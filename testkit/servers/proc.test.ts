import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortsFree } from './conflicts';
import { descendants, describeProcess, isAlive, parseProcNetTcp, portHolders, procState, runsExe } from './proc';

const SAMPLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4E8F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0
   1: 0100007F:9C40 0100007F:4E8F 01 00000000:00000000 00:00000000 00000000     0        0 654321 1 0000000000000000 20 4 30 10 -1
`;

const cleanups: (() => void)[] = [];
afterEach(() => { for (const c of cleanups.splice(0)) c(); });

describe('proc', () => {
  it('parses only LISTEN sockets from /proc/net/tcp text', () => {
    expect(parseProcNetTcp(SAMPLE, 4)).toEqual([{ family: 4, addrHex: '0100007F', port: 20111, inode: '123456' }]);
  });

  it('finds the pid holding a listening socket and names it', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    cleanups.push(() => srv.close());
    const port = (srv.address() as net.AddressInfo).port;
    expect(portHolders([port]).get(port)).toContain(process.pid);
    expect(describeProcess(process.pid)).toMatch(new RegExp(`^pid ${process.pid} \\S+ \\(.*node`));
    expect(() => assertPortsFree([port], () => 'test', 20000)).toThrow(new RegExp(`pid ${process.pid} .* holds ${port} \\(test\\)`));
    expect(() => assertPortsFree([port + 1 === 65536 ? port - 1 : port + 1], () => 'test', 20000)).not.toThrow();
  });

  it('treats a zombie as dead although it still has a /proc entry', async () => {
    // sh forks a short-lived child, then execs sleep, which never reaps it: the child stays a zombie
    const sh = spawn('/bin/sh', ['-c', '/bin/true & exec /bin/sleep 5'], { stdio: 'ignore' });
    cleanups.push(() => sh.kill('SIGKILL'));
    let zombie: number | undefined;
    for (let i = 0; i < 100 && zombie === undefined; i++) {
      await new Promise((r) => setTimeout(r, 20));
      zombie = descendants(sh.pid!).find((p) => procState(p) === 'Z');
    }
    expect(zombie).toBeDefined();
    expect(isAlive(zombie!)).toBe(false);
    expect(isAlive(sh.pid!)).toBe(true);
    expect(runsExe(sh.pid!, '/usr/bin/sleep') || runsExe(sh.pid!, '/bin/sleep')).toBe(true);
    expect(runsExe(sh.pid!, '/usr/sbin/nginx')).toBe(false);
  });
});
